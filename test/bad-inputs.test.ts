/**
 * The bad-input corpus (fixtures/bad, made by fixtures/make/bad.ts; expected outcomes in expected.json) through
 * `ita-ingest extract` as a user runs it: a refusal is exit 2 with one stderr line that names the file and says
 * why; a readable non-report is exit 0 with the flags it deserves. Peak RSS of the whole process (extraction
 * threads included) stays at or under 512 MB for every input, bombs included.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers/cli.ts';

const DIR = join(ROOT, 'fixtures/bad');
const BIN = join(ROOT, 'bin/ita-ingest.mjs');
const expected = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')) as Record<string, { outcome: 'refused' | 'read'; reason?: string; flags?: string[]; messages?: string[] }>;
const RSS_LIMIT_KB = 512 * 1024;
const tmp = mkdtempSync(join(tmpdir(), 'ita-bad-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
// A file, not `node -e`: extraction threads inherit the process's flags, and --input-type would break them.
const WRAPPER = join(tmp, 'rss.mjs');
writeFileSync(WRAPPER, `process.on('exit', () => process.stderr.write('\\nMAXRSS_KB ' + process.resourceUsage().maxRSS + '\\n'));
process.argv.splice(1, 1, ${JSON.stringify(BIN)});
await import(${JSON.stringify(BIN)});
`);

/** Runs the CLI in a child that reports its own peak RSS (getrusage: threads are in the process). */
function extract(file: string): Promise<{ status: number | null; stdout: string; stderr: string; maxRssKb: number }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [WRAPPER, 'extract', file, '--json'], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => {
      const m = /MAXRSS_KB (\d+)/.exec(stderr);
      resolve({ status, stdout, stderr: stderr.replace(/\n?MAXRSS_KB \d+\n/, ''), maxRssKb: m ? Number(m[1]) : Infinity });
    });
  });
}


describe('bad inputs through extract', () => {
  it('the corpus has at least 30 kinds', () => expect(Object.keys(expected).length).toBeGreaterThanOrEqual(30));

  it.each(Object.entries(expected))('%s', async (name, e) => {
    const r = await extract(join(DIR, name));
    expect(r.maxRssKb).toBeLessThanOrEqual(RSS_LIMIT_KB);
    if (e.outcome === 'refused') {
      expect(r.status).toBe(2);
      const lines = r.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(name);
      expect(lines[0]).toMatch(new RegExp(e.reason!, 'i'));
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    } else {
      expect(r.stderr.trim()).toBe('');
      expect(r.status).toBe(0);
      const result = JSON.parse(r.stdout);
      const codes = result.flags.map((f: { code: string }) => f.code);
      for (const f of e.flags ?? []) expect(codes).toContain(f);
      for (const m of e.messages ?? []) expect(result.messages.map((x: { code: string }) => x.code)).toContain(m);
    }
  }, 120_000);

  it('a 99 MB text file is refused by name, within the memory bound', async () => {
    const file = join(tmp, 'huge.txt');
    writeFileSync(file, Buffer.alloc(99 * 1024 * 1024, 'รายงาน คะแนน 95.5\n'));
    const r = await extract(file);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toMatch(/^ita-ingest: huge\.txt: a 99 MB text or unknown file, over the 10 MB limit/);
    expect(r.maxRssKb).toBeLessThanOrEqual(RSS_LIMIT_KB);
  }, 120_000);
});
