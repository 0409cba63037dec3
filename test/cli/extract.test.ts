import { readFileSync, truncateSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.ts';
import { diffResult } from '../helpers/expected.ts';
import { contractErrors } from '../helpers/schema.ts';

const SEED = 'fixtures/seed/laharnsai-2568.mixed.txt';
const expected = JSON.parse(readFileSync(join(ROOT, 'fixtures/seed/laharnsai-2568.expected.json'), 'utf8'));

describe('ita-ingest extract on the seed report', () => {
  const run = runCli(['extract', SEED, '--json']);
  const result = JSON.parse(run.stdout);

  it('exits 0 and prints contract JSON that validates against the schema', () => {
    expect(run.status).toBe(0);
    expect(contractErrors(result)).toEqual([]);
  });

  it('equals the expected extraction under the seed rules', () => {
    expect(diffResult(expected, result)).toEqual([]);
  });

  it('keeps the original snippet (Thai digits) in provenance while the record has Arabic digits', () => {
    const s = result.scores.find((x: { measureNo: number }) => x.measureNo === 1);
    expect(s.score).toBe(99.56);
    expect(s.provenance.line).toBe(12);
    expect(s.provenance.text).toContain('๙๙.๕๖');
    const summary = result.scores.find((x: { origin: string; indicator: { statedNo: number } }) => x.origin === 'summary' && x.indicator.statedNo === 6);
    expect(summary.provenance.line).toBe(29);
  });

  it('gives the CHANGE_MISMATCH flag a Thai message with the numbers and evidence', () => {
    const f = result.flags.find((x: { code: string }) => x.code === 'CHANGE_MISMATCH');
    expect(f.message).toContain('99.56');
    expect(f.message).toContain('78.01');
    expect(f.message).toContain('21.55');
    expect(f.message).toContain('19.6');
    expect(f.evidence[0].line).toBe(12);
  });

  it('prints a readable summary without --json', () => {
    const r = runCli(['extract', SEED]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('องค์การบริหารส่วนตำบลละหานทราย');
    expect(r.stdout).toMatch(/Flags: 2 error, 3 warning, \d+ info/);
    expect(r.stdout).toContain('CHANGE_MISMATCH');
  });
});

describe('ita-ingest extract on unusable input', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ita-bad-'));
  const write = (name: string, bytes: Uint8Array | string) => {
    const p = join(dir, name);
    writeFileSync(p, bytes);
    return p;
  };
  const random = new Uint8Array(4096).map((_, i) => (Math.imul(i + 1, 2654435761) >>> 24) & 0xff);
  const cases: Array<[string, string, RegExp]> = [
    ['empty file', write('empty.txt', ''), /empty\.txt: the file is empty/],
    ['random bytes', write('junk.bin', random), /junk\.bin: not a PDF, DOCX, HTML or text file/],
    ['a PNG', write('scan.png', Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')), /scan\.png: a PNG image/],
    ['a PNG renamed .txt', write('report.txt', Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')), /report\.txt: a PNG image/],
    ['a ZIP that is not a DOCX', write('archive.docx', Buffer.from('504b0304140000000800', 'hex')), /archive\.docx: a ZIP archive without word\/document\.xml/],
    ['a missing file', join(dir, 'nope.pdf'), /nope\.pdf: no such file/],
    ['whitespace only', write('blank.txt', '  \n\n \t '), /blank\.txt: the file contains only whitespace/],
  ];
  it.each(cases)('%s: exit 2 with one line naming the file, no stack trace', (_name, path, message) => {
    const r = runCli(['extract', path, '--json']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it('a file over the size limit is refused before it is read', () => {
    const p = join(dir, 'huge.pdf');
    writeFileSync(p, '');
    truncateSync(p, 101 * 1024 * 1024); // sparse: no 101 MB written to disk
    const r = runCli(['extract', p]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe('ita-ingest: huge.pdf: is 101 MB, over the 100 MB limit');
  });

  it('an HTML page with no table is a result (NO_MEASURES), not a crash', () => {
    const p = write('page.html', '<html><body><h1>ข่าวประชาสัมพันธ์</h1><p>องค์การบริหารส่วนตำบลหนองบัว จัดกิจกรรมวันเด็ก</p></body></html>');
    const r = runCli(['extract', p, '--json']);
    expect(r.status).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(contractErrors(result)).toEqual([]);
    expect(result.flags.map((f: { code: string }) => f.code)).toContain('NO_MEASURES');
  });

  it('bad usage exits 2 with the usage line', () => {
    const r = runCli(['extract']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('usage: ita-ingest extract FILE [--json]');
  });
});

describe('file names with control characters', () => {
  it('a newline in the name stays on one error line, shown as \\n', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ita-name-'));
    const file = join(dir, 'report\nfake.txt');
    writeFileSync(file, '');
    const r = runCli(['extract', file]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('ita-ingest: report\\nfake.txt: the file is empty (0 bytes)\n');
  });
});
