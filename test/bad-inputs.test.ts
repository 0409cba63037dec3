/**
 * The bad-input corpus (fixtures/bad, made by fixtures/make/bad.ts; expected outcomes in expected.json) through
 * `ita-ingest extract` as a user runs it: a refusal is exit 2 with one stderr line that names the file and says
 * why; a readable non-report is exit 0 with the flags it deserves. Peak RSS of the whole process (extraction
 * threads included) stays at or under 512 MB for every input, bombs included.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deflatedZip } from '../fixtures/make/zip.ts';
import { ROOT } from './helpers/cli.ts';

const DIR = join(ROOT, 'fixtures/bad');
const BIN = join(ROOT, 'bin/ita-ingest.mjs');
const expected = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')) as Record<string, { outcome: 'refused' | 'read'; reason?: string; flags?: string[]; messages?: string[] }>;
const RSS_LIMIT_KB = 512 * 1024;
const tmp = mkdtempSync(join(tmpdir(), 'ita-bad-'));
/** Peak RSS per input and command, for RELIABILITY.md (test-output/bad-inputs.json). */
const figures: Array<{ input: string; command: string; exit: number | null; peakRssMb: number }> = [];
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(join(ROOT, 'test-output'), { recursive: true });
  writeFileSync(join(ROOT, 'test-output/bad-inputs.json'), JSON.stringify(figures, null, 1));
});
// A file, not `node -e`: extraction threads inherit the process's flags, and --input-type would break them.
const WRAPPER = join(tmp, 'rss.mjs');
writeFileSync(WRAPPER, `process.on('exit', () => process.stderr.write('\\nMAXRSS_KB ' + process.resourceUsage().maxRSS + '\\n'));
process.argv.splice(1, 1, ${JSON.stringify(BIN)});
await import(${JSON.stringify(BIN)});
`);

/** Runs the CLI in a child that reports its own peak RSS (getrusage: threads are in the process). */
function extract(file: string): Promise<{ status: number | null; stdout: string; stderr: string; maxRssKb: number }> {
  return cli(['extract', file, '--json']);
}

function cli(args: string[], env: Record<string, string> = {}, onStderr?: (all: string) => void): Promise<{ status: number | null; stdout: string; stderr: string; maxRssKb: number }> & { child?: ReturnType<typeof spawn> } {
  let child!: ReturnType<typeof spawn>;
  const p = new Promise<{ status: number | null; stdout: string; stderr: string; maxRssKb: number }>((resolve) => {
    // The roles with an embedded database run with these V8 flags (bin/ita-ingest.mjs re-executes itself with
    // them); given here, the process measured is the one that does the work.
    const flags = ['batch', 'serve', 'user'].includes(args[0]) ? ['--liftoff-only', '--max-semi-space-size=4'] : [];
    child = spawn(process.execPath, [...flags, WRAPPER, ...args], { cwd: ROOT, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d) => (stdout += d));
    child.stderr!.on('data', (d) => {
      stderr += d;
      onStderr?.(stderr);
    });
    child.on('close', (status) => {
      const m = /MAXRSS_KB (\d+)/.exec(stderr);
      resolve({ status, stdout, stderr: stderr.replace(/\n?MAXRSS_KB \d+\n/, ''), maxRssKb: m ? Number(m[1]) : Infinity });
    });
  });
  return Object.assign(p, { child });
}


describe('bad inputs through extract', () => {
  it('the corpus has at least 30 kinds', () => expect(Object.keys(expected).length).toBeGreaterThanOrEqual(30));

  it.each(Object.entries(expected))('%s', async (name, e) => {
    const r = await extract(join(DIR, name));
    figures.push({ input: name, command: 'extract', exit: r.status, peakRssMb: Math.round(r.maxRssKb / 1024) });
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
    figures.push({ input: '99 MB text file', command: 'extract', exit: r.status, peakRssMb: Math.round(r.maxRssKb / 1024) });
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toMatch(/^ita-ingest: huge\.txt: a 99 MB text or unknown file, over the 10 MB limit/);
    expect(r.maxRssKb).toBeLessThanOrEqual(RSS_LIMIT_KB);
  }, 120_000);
});

/**
 * The same corpus, plus a 99 MB text file and a 3.5 MB ZIP of five 99 MB text entries (each within every limit: the
 * attack that once took `serve` to 5.9 GB), through `batch` and through the upload API of `serve`: every file is
 * named with its reason, the rest goes on, and the process stays under 1 GB peak RSS.
 */
describe('bad inputs through batch and the upload API', () => {
  const PROCESS_LIMIT_KB = 1024 * 1024;
  const bigZip = join(tmp, 'five-times-99mb.zip');
  const huge = join(tmp, 'huge-99mb.txt');
  const inbox = join(tmp, 'inbox');
  const zipEntries = ['a.txt', 'b.txt', 'c.txt', 'd.txt', 'e.txt'];

  beforeAll(() => {
    const block = Buffer.from(randomBytes(12 * 1024).toString('base64'));
    const big = Buffer.alloc(99 * 1024 * 1024);
    for (let i = 0; i < big.length; i += block.length) block.copy(big, i);
    writeFileSync(bigZip, deflatedZip(Object.fromEntries(zipEntries.map((n) => [n, big]))));
    writeFileSync(huge, Buffer.alloc(99 * 1024 * 1024, 'รายงาน คะแนน 95.5\n'));
    mkdirSync(inbox);
    for (const name of Object.keys(expected)) copyFileSync(join(DIR, name), join(inbox, name));
  }, 120_000);

  const archives = (name: string) => name.endsWith('.zip');

  it('batch: each file named with its reason in failures.csv; the readable ones in reports.jsonl; under 1 GB', async () => {
    const out = join(tmp, 'out');
    const r = await cli(['batch', inbox, huge, bigZip, '--out', out], { ITA_DATA_DIR: join(tmp, 'batch-data'), ITA_CONCURRENCY: '2' });
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    figures.push({ input: 'the corpus + 99 MB text + ZIP of 5 × 99 MB', command: 'batch', exit: r.status, peakRssMb: Math.round(r.maxRssKb / 1024) });
    console.log(`batch peak RSS over the corpus, the 99 MB text and the ZIP of 5 × 99 MB: ${Math.round(r.maxRssKb / 1024)} MB`);
    expect(r.maxRssKb).toBeLessThanOrEqual(PROCESS_LIMIT_KB);
    const failures = readFileSync(join(out, 'failures.csv'), 'utf8').split('\n');
    const line = (name: string) => failures.find((l) => l.includes(name)) ?? '';
    for (const [name, e] of Object.entries(expected)) {
      if (e.outcome !== 'refused') continue;
      expect(line(name), name).not.toBe('');
      if (!archives(name) && e.reason !== name) expect(line(name), name).toMatch(new RegExp(e.reason!, 'i'));
      expect(line(name), `${name}: the reason said in Thai`).toMatch(/[\u0E01-\u0E4F]/);
    }
    expect(line('huge-99mb.txt')).toMatch(/over the 10 MB limit/);
    for (const n of zipEntries) expect(line(`five-times-99mb.zip/${n}`)).toMatch(/over the 10 MB limit/);
    const read = readFileSync(join(out, 'reports.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l).source.fileName);
    for (const [name, e] of Object.entries(expected)) if (e.outcome === 'read') expect(read.some((f: string) => f.endsWith(name)), name).toBe(true);
  }, 600_000);

  it('serve: each upload answered or failed with its reason naming the file; the ZIP bomb of text too; under 1 GB', async () => {
    const data = join(tmp, 'serve-data');
    const env = { ITA_DATA_DIR: data, ITA_PASSWORD: 'a long enough password 1', ITA_CONCURRENCY: '2', ITA_LOG_LEVEL: 'warn', ITA_UPLOAD_LIMIT_MB: '100' };
    expect((await cli(['user', 'add', 'admin', '--role', 'admin'], env)).status).toBe(0);
    let url = '';
    const server = cli(['serve', '--port', '0'], env, (all) => {
      url ||= /serving on (http:\/\/[^ "]+)/.exec(all)?.[1] ?? '';
    });
    for (let i = 0; i < 600 && !url; i++) await new Promise((res) => setTimeout(res, 50));
    expect(url).not.toBe('');
    const login = await fetch(`${url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: env.ITA_PASSWORD }) });
    const headers = { cookie: String(login.headers.get('set-cookie')).split(';')[0], 'x-csrf-token': (await login.json()).csrfToken };
    const send = async (path: string, files: string[]) => {
      const form = new FormData();
      for (const f of files) form.append('file', new Blob([readFileSync(f)]), basename(f));
      return fetch(`${url}${path}`, { method: 'POST', headers, body: form });
    };
    const outcomes: Record<string, { status: number; state?: string; reason?: string }> = {};
    for (const name of Object.keys(expected)) {
      const r = await send('/api/reports', [join(inbox, name)]);
      const body = await r.json();
      outcomes[name] = { status: r.status, reason: body.message };
      if (r.status !== 202) continue;
      for (let i = 0; i < 600; i++) {
        const rep = await (await fetch(`${url}/api/reports/${body.id}`, { headers })).json();
        if (!['received', 'extracting'].includes(rep.state)) {
          outcomes[name] = { status: 202, state: rep.state, reason: rep.failureReason ?? undefined };
          break;
        }
        await new Promise((res) => setTimeout(res, 100));
      }
    }
    // Both at the largest limit there is (100 MB a request): together they are over it (413), one by one within it.
    expect((await send('/api/batches', [bigZip, huge])).status).toBe(413);
    const hugeUp = await send('/api/reports', [huge]);
    expect(hugeUp.status).toBe(202);
    const hugeId = (await hugeUp.json()).id;
    const batch = await send('/api/batches', [bigZip]);
    expect(batch.status).toBe(202);
    const batchId = (await batch.json()).id;
    let b;
    for (let i = 0; i < 1200; i++) {
      b = await (await fetch(`${url}/api/batches/${batchId}`, { headers })).json();
      if (b.complete) break;
      await new Promise((res) => setTimeout(res, 100));
    }
    let hugeReport;
    for (let i = 0; i < 600; i++) {
      hugeReport = await (await fetch(`${url}/api/reports/${hugeId}`, { headers })).json();
      if (hugeReport.state === 'failed') break;
      await new Promise((res) => setTimeout(res, 100));
    }
    server.child!.kill('SIGTERM');
    const r = await server;
    figures.push({ input: 'the corpus + 99 MB text + ZIP of 5 × 99 MB, uploaded', command: 'serve', exit: r.status, peakRssMb: Math.round(r.maxRssKb / 1024) });
    console.log(`serve peak RSS over the corpus, the 99 MB text and the ZIP of 5 × 99 MB: ${Math.round(r.maxRssKb / 1024)} MB`);
    expect(r.maxRssKb).toBeLessThanOrEqual(PROCESS_LIMIT_KB);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    for (const [name, e] of Object.entries(expected)) {
      const o = outcomes[name];
      if (e.outcome === 'read') {
        expect(o, name).toMatchObject({ status: 202 });
        expect(['clean', 'needs_review'], name).toContain(o.state);
      } else if (o.status === 202) {
        expect(o.state, name).toBe('failed');
        if (!archives(name) && e.reason !== name) expect(o.reason, name).toMatch(new RegExp(e.reason!, 'i'));
      } else {
        expect(o.status, name).toBe(400);
        expect(o.reason, name).toContain(name);
      }
    }
    expect(hugeReport.failureReason).toMatch(/a 99 MB text or unknown file, over the 10 MB limit/);
    expect(b.complete).toBe(true);
    // Five entries of the same bytes: each inflated and stored in turn, one report.
    expect(b.progress).toMatchObject({ files: 5, reports: 1, done: 1 });
  }, 600_000);
});
