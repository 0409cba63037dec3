/** `ita-ingest user add` and `user token` against an embedded database, then the token works on the API. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createServer } from '../../src/api/server.ts';
import { openDatabase } from '../../src/store/db.ts';
import { authenticate } from '../../src/store/users-repo.ts';
import { inProcessProcessor } from '../../src/workers/processor.ts';
import { ROOT } from '../helpers/cli.ts';

const BIN = join(ROOT, 'bin/ita-ingest.mjs');

describe('ita-ingest user', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ita-user-'));
  const run = (args: string[], input?: string) =>
    spawnSync(process.execPath, [BIN, 'user', ...args], { input, encoding: 'utf8', env: { ...process.env, DATABASE_URL: '', ITA_DATA_DIR: dataDir } });

  it('adds users with a role and provinces, refuses bad input, and issues API tokens', async () => {
    const add = run(['add', 'somchai', '--role', 'reviewer', '--province', 'บุรีรัมย์', '--province', 'สุรินทร์', '--password-stdin'], 'a long enough password\n');
    expect(add.status, add.stderr).toBe(0);
    expect(add.stdout.trim()).toBe('created reviewer somchai for บุรีรัมย์, สุรินทร์');
    expect(run(['add', 'somchai', '--role', 'reviewer', '--password-stdin'], 'a long enough password').stderr).toMatch(/user somchai exists already/);
    expect(run(['add', 'x1', '--role', 'boss', '--password-stdin'], 'a long enough password').stderr).toMatch(/--role must be one of uploader, reviewer, admin/);
    expect(run(['add', 'x2', '--role', 'admin', '--password-stdin'], 'short').stderr).toMatch(/at least 10 characters/);
    const token = run(['token', 'somchai', '--label', 'script']);
    expect(token.status).toBe(0);
    expect(token.stdout.trim()).toMatch(/^ita_[A-Za-z0-9_-]{43}$/);
    expect(run(['token', 'nobody']).stderr).toMatch(/no user nobody/);

    const db = await openDatabase({ databaseUrl: null, dataDir });
    try {
      expect(await authenticate(db, 'somchai', 'a long enough password')).toMatchObject({ role: 'reviewer', provinces: ['บุรีรัมย์', 'สุรินทร์'] });
      expect(await authenticate(db, 'somchai', 'wrong password')).toBeNull();
      const processor = inProcessProcessor(db, 1);
      const app = await createServer({ db, processor });
      const me = await app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${token.stdout.trim()}` } });
      expect(me.json().user.username).toBe('somchai');
      await app.close();
      await processor.close();
    } finally {
      await db.close();
    }
  });
});
