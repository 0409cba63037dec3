/** `ita-ingest serve` as a process: listens, answers, stops on SIGTERM with exit 0. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { openDatabase } from '../../src/store/db.ts';
import { getReport, receiveReport, startExtracting } from '../../src/store/reports-repo.ts';
import { ROOT } from '../helpers/cli.ts';

function startServe(dataDir: string) {
  const child = spawn(process.execPath, [join(ROOT, 'bin/ita-ingest.mjs'), 'serve', '--port', '0'], {
    env: { ...process.env, DATABASE_URL: '', REDIS_URL: '', ITA_DATA_DIR: dataDir },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  children.push(child);
  let err = '';
  const url = new Promise<string>((resolve, reject) => {
    child.stderr!.on('data', (d) => {
      err += d;
      const m = /serving on (http:\/\/[^ ]+)/.exec(err);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
  });
  return { child, url, log: () => err };
}

const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

describe('ita-ingest serve', () => {
  it('resumes reports a previous run left unfinished', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ita-resume-'));
    const db = await openDatabase({ databaseUrl: null, dataDir });
    const { sha256 } = await receiveReport(db, new Uint8Array(readFileSync(join(ROOT, 'fixtures/seed/laharnsai-2568.mixed.txt'))), 'seed.txt');
    await startExtracting(db, sha256); // as if the server had died mid-extraction
    await db.close();
    const s = startServe(dataDir);
    await s.url;
    expect(s.log()).toMatch(/resuming 1 unfinished report/);
    const exit = new Promise<number | null>((r) => s.child.on('exit', (code) => r(code)));
    s.child.kill('SIGTERM'); // waits for running extractions before it exits
    expect(await exit).toBe(0);
    const after = await openDatabase({ databaseUrl: null, dataDir });
    expect((await getReport(after, sha256))?.state).toBe('needs_review');
    await after.close();
  });

  it('serves the API and the web UI, and shuts down cleanly', async () => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/ita-ingest.mjs'), 'serve', '--port', '0'], {
      env: { ...process.env, DATABASE_URL: '', REDIS_URL: '', ITA_DATA_DIR: mkdtempSync(join(tmpdir(), 'ita-serve-')) },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    children.push(child);
    const url = await new Promise<string>((resolve, reject) => {
      let err = '';
      child.stderr!.on('data', (d) => {
        err += d;
        const m = /serving on (http:\/\/[^ ]+)/.exec(err);
        if (m) resolve(m[1]);
      });
      child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
    });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await (await fetch(`${url}/api/health`)).json()).toEqual({ ok: true });
    const page = await fetch(`${url}/`);
    expect(await page.text()).toContain('ita-ingest');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect((await fetch(`${url}/api/flags`)).status).toBe(401);
    const exit = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
  });
});
