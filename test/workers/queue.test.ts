/**
 * BullMQ on the real Redis with the real PostgreSQL: two worker processes give the same reports.jsonl as the
 * embedded run, and a worker killed with SIGKILL mid-batch loses nothing. Each test has its own queue and schema.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.ts';
import { PG_URL, REDIS_URL, dropSchema, uniqueName } from '../helpers/services.ts';

const BIN = join(ROOT, 'bin/ita-ingest.mjs');

function inbox(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ita-q-'));
  mkdirSync(join(dir, 'in'));
  for (const f of readdirSync(join(ROOT, 'fixtures/documents'))) {
    if (/^(encrypted|truncated|png-renamed|zip-without|manifest)/.test(f)) continue;
    cpSync(join(ROOT, 'fixtures/documents', f), join(dir, 'in', f));
  }
  for (const f of readdirSync(join(ROOT, 'fixtures/variants')).filter((f) => !f.endsWith('.json'))) cpSync(join(ROOT, 'fixtures/variants', f), join(dir, 'in', f));
  return dir;
}

interface Env { [k: string]: string }

/** Every process a test starts, so none outlives the suite even when a test fails half-way. */
const spawned: ChildProcess[] = [];

function startWorker(env: Env): Promise<ChildProcess> {
  const child = spawn(process.execPath, [BIN, 'worker', '--concurrency', '1'], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  spawned.push(child);
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr!.on('data', (d) => {
      err += d;
      if (/ on ".*" with 1 thread/.test(err)) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`worker exited ${code}: ${err}`)));
  });
}

function runBatch(dir: string, out: string, env: Env): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [BIN, 'batch', join(dir, 'in'), '--province', 'ทดสอบ', '--out', out], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  spawned.push(child);
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stderr })));
}

const stop = (c: ChildProcess) => new Promise<number | null>((resolve) => {
  if (c.exitCode !== null || c.signalCode !== null) return resolve(c.exitCode);
  c.once('exit', (code) => resolve(code));
  c.kill('SIGTERM');
});

describe('batch through BullMQ workers', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c().catch(() => {});
    for (const c of spawned) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  });

  function setup() {
    const schema = uniqueName('t_queue');
    const queue = uniqueName('q');
    const env: Env = { DATABASE_URL: PG_URL, ITA_DB_SCHEMA: schema, REDIS_URL, ITA_QUEUE: queue, ITA_LOCK_MS: '4000', ITA_STALLED_MS: '2000' };
    cleanups.push(() => dropSchema(schema));
    cleanups.push(async () => {
      const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
      const q = new Queue(queue, { connection });
      await q.obliterate({ force: true });
      await q.close();
      connection.disconnect();
    });
    return { schema, queue, env };
  }

  it('two workers give the same reports.jsonl as the embedded run', async () => {
    const dir = inbox();
    const embedded = spawnSync(process.execPath, [BIN, 'batch', join(dir, 'in'), '--province', 'ทดสอบ', '--out', join(dir, 'embedded')], {
      env: { ...process.env, REDIS_URL: '', DATABASE_URL: '', ITA_DATA_DIR: join(dir, 'data') }, encoding: 'utf8',
    });
    expect(embedded.status, embedded.stderr).toBe(0);

    const { env } = setup();
    const workers = await Promise.all([startWorker(env), startWorker(env)]);
    cleanups.push(() => Promise.all(workers.map(stop)));
    const queued = await runBatch(dir, join(dir, 'queued'), env);
    expect(queued.code, queued.stderr).toBe(0);
    expect(queued.stderr).toMatch(/waiting for workers/);
    const read = (d: string) => readFileSync(join(dir, d, 'reports.jsonl'), 'utf8');
    expect(read('queued').split('\n').length).toBeGreaterThan(30);
    expect(read('queued')).toBe(read('embedded'));
    expect(readFileSync(join(dir, 'queued', 'province.csv'), 'utf8')).toBe(readFileSync(join(dir, 'embedded', 'province.csv'), 'utf8'));
    // Graceful shutdown: SIGTERM lets a worker finish and exit 0.
    expect(await stop(workers[0])).toBe(0);
  });

  it('a worker killed with SIGKILL mid-batch loses nothing: every report processed, one result each', async () => {
    const dir = inbox();
    const { schema, env } = setup();
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    cleanups.push(() => client.end());
    const count = async (sql: string, params: unknown[] = []) => Number((await client.query(sql, params)).rows[0].n);
    // The victim starts alone, so a report being extracted is the victim's. It is frozen (SIGSTOP) so its state
    // cannot change while we look; once we hold one mid-extraction, the survivor starts and the victim is killed.
    const victim = await startWorker(env);
    const batch = runBatch(dir, join(dir, 'out'), env);
    let held: string | null = null;
    for (let i = 0; i < 600 && !held; i++) {
      victim.kill('SIGSTOP');
      const r = await client.query(`SELECT sha256 FROM ${schema}.reports WHERE state = 'extracting' LIMIT 1`).catch(() => ({ rows: [] as Array<{ sha256: string }> }));
      held = r.rows[0]?.sha256 ?? null;
      if (!held) {
        victim.kill('SIGCONT');
        await new Promise((res) => setTimeout(res, 50));
      }
    }
    expect(held).not.toBeNull();
    victim.kill('SIGKILL');
    const survivor = await startWorker(env);
    cleanups.push(() => stop(survivor));
    const result = await batch; // waits until every report is done: a lost job would hang here and time out
    expect(result.code, result.stderr).toBe(0);
    const reports = await count(`SELECT count(*) AS n FROM ${schema}.reports`);
    expect(reports).toBeGreaterThan(30);
    expect(await count(`SELECT count(*) AS n FROM ${schema}.results`)).toBe(reports);
    expect(await count(`SELECT count(*) AS n FROM ${schema}.reports WHERE state NOT IN ('clean','needs_review')`)).toBe(0);
    // The report the victim died holding ends processed, by the survivor after the victim's lock expired.
    const [heldRow] = (await client.query(`SELECT state, attempts FROM ${schema}.reports WHERE sha256 = $1`, [held])).rows;
    expect(['clean', 'needs_review']).toContain(heldRow.state);
    expect(heldRow.attempts).toBeGreaterThanOrEqual(2);
    const lines = readFileSync(join(dir, 'out', 'reports.jsonl'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(reports);
  });
});
