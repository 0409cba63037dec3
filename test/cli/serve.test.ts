/** `ita-ingest serve` as a process: listens, answers, stops on SIGTERM with exit 0. */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.ts';

describe('ita-ingest serve', () => {
  it('serves the API and the web UI, and shuts down cleanly', async () => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/ita-ingest.mjs'), 'serve', '--port', '0'], {
      env: { ...process.env, DATABASE_URL: '', REDIS_URL: '', ITA_DATA_DIR: mkdtempSync(join(tmpdir(), 'ita-serve-')) },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
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
