/** Every command answers --help (exit 0), the CLI its --version; a wrong option is named; tables align in a terminal. */
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/args.ts';
import { clipW, padW } from '../../src/cli/format-summary.ts';
import { runCli } from '../helpers/cli.ts';

describe('command-line help', () => {
  it.each(Object.keys(COMMANDS))('%s --help prints its usage and options, exit 0', (cmd) => {
    const r = runCli([cmd, '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`usage: ita-ingest ${cmd}`);
    expect(r.stdout).toContain('--help');
    expect(r.stderr).toBe('');
  });

  it('user token --help is help, not a user called --help', () => {
    const r = runCli(['user', 'token', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('usage: ita-ingest user');
  });

  it('--version prints the version, exit 0', () => {
    const r = runCli(['--version']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^ita-ingest \d+\.\d+\.\d+ \(Node v\d+/);
  });

  it('an unknown option is named, with the usage line, exit 2', () => {
    const r = runCli(['extract', 'fixtures/seed/laharnsai-2568.mixed.txt', '--jsn']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('ita-ingest: unknown option --jsn\nusage: ita-ingest extract FILE [--json]\n');
    const b = runCli(['batch', 'x', '--concurrency']);
    expect(b.status).toBe(2);
    expect(b.stderr).toMatch(/^ita-ingest: --concurrency needs a value\n/);
  });
});

describe('terminal tables', () => {
  it('pads Thai by display width: marks above and below take no column', () => {
    const cells = ['การใช้ทรัพย์สินของราชการ', 'ประสิทธิภาพการสื่อสาร', 'budget'];
    for (const c of cells) expect(stringWidth(padW(c, 34))).toBe(34);
    expect('การใช้ทรัพย์สินของราชการ'.padEnd(34).length).toBe(34); // by characters…
    expect(stringWidth('การใช้ทรัพย์สินของราชการ'.padEnd(34))).toBeLessThan(34); // …which is too short on screen
  });

  it('clips at a grapheme: a letter is never separated from its marks', () => {
    const c = clipW('การใช้ทรัพย์สินของราชการ', 8);
    expect(stringWidth(c)).toBeLessThanOrEqual(8);
    expect(c.endsWith('…')).toBe(true);
    const full = 'การใช้ทรัพย์สินของราชการ';
    const kept = c.slice(0, -1);
    expect(full.startsWith(kept)).toBe(true);
    // What follows the cut starts a new grapheme: not a vowel or tone mark that belonged to the last letter kept.
    expect(full[kept.length]).not.toMatch(/[\u0E31\u0E34-\u0E3A\u0E47-\u0E4E]/u);
  });

  it('the extract summary puts every score row\'s year in the header\'s column', () => {
    const r = runCli(['extract', 'fixtures/seed/laharnsai-2568.mixed.txt']);
    const lines = r.stdout.split('\n');
    const header = lines.find((l) => l.includes('origin   measure'))!;
    const col = stringWidth(header.slice(0, header.indexOf('year')));
    const rows = lines.filter((l) => /^ {2}(measure|summary) /.test(l));
    expect(rows.length).toBeGreaterThan(5);
    for (const row of rows) {
      const m = /(\s)(\d{4}|–)(\s{2,})/.exec(row.slice(40))!;
      const at = 40 + m.index + 1;
      expect(stringWidth(row.slice(0, at))).toBe(col);
    }
  });
});

describe('batch progress', () => {
  it('says the time left in words a reader scans', async () => {
    const { duration } = await import('../../src/cli/progress.ts');
    expect([duration(0.2), duration(45), duration(185), duration(3725)]).toEqual(['1s', '45s', '3m05s', '1h02m']);
  });
});
