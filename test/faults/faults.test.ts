/**
 * The fault suite (`npm run test:faults`): 150 reports through `batch` with two queue workers, while the suite
 * kills a worker, restarts its own Redis (with and without persistence), cuts PostgreSQL for 1 s and 30 s, or
 * stops a worker with SIGTERM — and once more in embedded mode, stopping the batch itself. Every run must end with
 * processed = 150, lost = 0, duplicated = 0 and the exports written. Figures go to test-output/faults.json
 * (RELIABILITY.md quotes them).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.ts';
import { PG_URL, dropSchema, uniqueName } from '../helpers/services.ts';
import { inbox, ownRedis, pgProxy, sleep, spawned, startBatch, startWorker, type Env, type Proc } from './kit.ts';

const COUNT = 150;
const figures: Array<Record<string, unknown>> = [];
const cleanups: Array<() => Promise<unknown>> = [];
const files = inbox(COUNT);

afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => {});
  for (const c of spawned) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  rmSync(files, { recursive: true, force: true });
  mkdirSync(join(ROOT, 'test-output'), { recursive: true });
  writeFileSync(join(ROOT, 'test-output/faults.json'), JSON.stringify(figures, null, 1));
  console.log(figures.map((f) => JSON.stringify(f)).join('\n'));
});

/** Counts read straight from PostgreSQL (not through the proxy the suite cuts). */
async function counts(schema: string): Promise<{ done: number; failed: number; extracting: string[] }> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    const exists = (await c.query(`SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = 'reports'`, [schema])).rowCount;
    if (!exists) return { done: 0, failed: 0, extracting: [] };
    const rows = (await c.query(`SELECT sha256, state FROM ${schema}.reports`)).rows as Array<{ sha256: string; state: string }>;
    return {
      done: rows.filter((r) => ['clean', 'needs_review', 'failed'].includes(r.state)).length,
      failed: rows.filter((r) => r.state === 'failed').length,
      extracting: rows.filter((r) => r.state === 'extracting').map((r) => r.sha256),
    };
  } finally {
    await c.end();
  }
}

async function until(what: string, ms: number, test: () => Promise<boolean>): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await test()) return;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** What the batch left: the exports, and what they say about lost and duplicated reports. */
function outcome(out: string) {
  const lines = readFileSync(join(out, 'reports.jsonl'), 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const hashes = new Set(lines.map((l) => l.source?.sha256 ?? l.sha256));
  return {
    lines: lines.length,
    distinct: hashes.size,
    exports: ['province.csv', 'province.xlsx', 'flags.csv', 'failures.csv'].every((f) => existsSync(join(out, f))),
  };
}

interface Ctx {
  env: Env;
  workers: Proc[];
  redis: Awaited<ReturnType<typeof ownRedis>>;
  proxy: Awaited<ReturnType<typeof pgProxy>>;
  schema: string;
}

/** A schema, the suite's own Redis, a cuttable proxy to PostgreSQL, two workers and an output folder. */
async function queuedSetup(persistentRedis: boolean, outageTimeoutS: number) {
  const schema = uniqueName('t_fault');
  const redis = await ownRedis(persistentRedis);
  const proxy = await pgProxy(new URL(PG_URL));
  cleanups.push(() => proxy.close(), () => redis.stop('SIGKILL'), () => dropSchema(schema));
  const db = new URL(PG_URL);
  db.port = String(proxy.port);
  const env: Env = { DATABASE_URL: db.toString(), ITA_DB_SCHEMA: schema, REDIS_URL: redis.url, ITA_QUEUE: uniqueName('q'), ITA_LOG_LEVEL: 'warn', ITA_OUTAGE_TIMEOUT_S: String(outageTimeoutS) };
  const workers = [await startWorker(env), await startWorker(env)];
  const out = mkdtempSync(join(tmpdir(), 'ita-fault-out-'));
  cleanups.push(async () => rmSync(out, { recursive: true, force: true }));
  return { schema, redis, proxy, env, workers, out };
}

/**
 * Runs the batch with two workers; once a fifth of the reports are done, `fault` breaks something and resolves
 * when the break is over. Recovery = from then until every report that was being extracted at the break is done
 * and the next report is finished.
 */
async function queuedScenario(name: string, persistentRedis: boolean, fault: (ctx: Ctx) => Promise<void>) {
  const { schema, redis, proxy, env, workers, out } = await queuedSetup(persistentRedis, 180);
  const started = Date.now();
  const batch = startBatch(join(files, 'in'), out, env);
  await until('a fifth of the batch', 120_000, async () => (await counts(schema)).done >= COUNT / 5);
  const before = await counts(schema);
  await fault({ env, workers, redis, proxy, schema });
  const faultEnd = Date.now();
  const atEnd = await counts(schema);
  await until('the reports in flight at the fault', 240_000, async () => {
    const now = await counts(schema);
    return before.extracting.every((sha) => !now.extracting.includes(sha)) && (now.done > atEnd.done || now.done === COUNT);
  });
  const recoveryS = (Date.now() - faultEnd) / 1000;
  const code = await Promise.race([batch.exited, sleep(300_000).then(() => 'timeout')]);
  const after = await counts(schema);
  const o = outcome(out);
  const fig = { scenario: name, reports: COUNT, processed: after.done - after.failed, failed: after.failed, lost: COUNT - o.distinct, duplicated: o.lines - o.distinct, exports: o.exports, recoveryS: Number(recoveryS.toFixed(1)), totalS: Number(((Date.now() - started) / 1000).toFixed(1)), batchExit: code };
  figures.push(fig);
  for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGTERM');
  await Promise.all(workers.map((w) => w.exited));
  expect(code, batch.err()).toBe(0);
  expect(fig).toMatchObject({ processed: COUNT, failed: 0, lost: 0, duplicated: 0, exports: true });
  expect(batch.err()).not.toMatch(/\n\s+at /); // no stack trace reaches the user
  for (const w of workers) expect(w.err()).not.toMatch(/\n\s+at .*\(/);
  return { batch, workers, fig };
}

describe('fault suite: 150 reports, two queue workers', () => {
  it('kill -9 of a worker mid-batch: its job is taken over in seconds', async () => {
    const { fig } = await queuedScenario('kill -9 of a worker', true, async ({ workers }) => {
      workers[0].child.kill('SIGKILL');
      await workers[0].exited;
    });
    expect(fig.recoveryS).toBeLessThan(60);
  }, 600_000);

  it('SIGTERM to a worker mid-batch: it finishes its job and exits 0; the other goes on', async () => {
    let exit: number | null = null;
    await queuedScenario('SIGTERM to a worker', true, async ({ workers }) => {
      workers[0].child.kill('SIGTERM');
      exit = await workers[0].exited;
    });
    expect(exit).toBe(0);
  }, 600_000);

  it('Redis restarted with persistence (append-only file)', async () => {
    await queuedScenario('Redis restart, with persistence', true, async ({ redis }) => {
      await redis.stop('SIGTERM');
      await sleep(2000);
      await redis.start();
    });
  }, 600_000);

  it('Redis restarted without persistence: the jobs it lost are enqueued again from the database', async () => {
    const { batch } = await queuedScenario('Redis restart, without persistence', false, async ({ redis }) => {
      await redis.stop('SIGKILL');
      await sleep(2000);
      await redis.start();
    });
    expect(batch.err()).toMatch(/re-queued \d+ report/);
  }, 600_000);

  it('PostgreSQL unreachable for 1 s', async () => {
    await queuedScenario('PostgreSQL outage 1 s', true, async ({ proxy }) => proxy.outage(1000));
  }, 600_000);

  it('PostgreSQL unreachable for 30 s', async () => {
    const { batch } = await queuedScenario('PostgreSQL outage 30 s', true, async ({ proxy }) => proxy.outage(30_000));
    expect(batch.err()).toMatch(/PostgreSQL unreachable; waiting/);
  }, 600_000);
});

describe('fault suite: an outage longer than ITA_OUTAGE_TIMEOUT_S', () => {
  it('batch stops with a plain message after the timeout; once the server is back the same command finishes', async () => {
    const { schema, proxy, env, workers, out } = await queuedSetup(true, 3);
    const first = startBatch(join(files, 'in'), out, env);
    await until('a fifth of the batch', 120_000, async () => (await counts(schema)).done >= COUNT / 5);
    const outage = proxy.outage(15_000);
    const code1 = await first.exited;
    await outage;
    expect(code1).toBe(1);
    expect(first.err()).toMatch(/ita-ingest: PostgreSQL still unreachable after \d+ s \(ITA_OUTAGE_TIMEOUT_S\); the reports received are kept: run the same command again to go on/);
    expect(first.err()).not.toMatch(/\n\s+at /);
    const second = startBatch(join(files, 'in'), out, env);
    const code2 = await second.exited;
    expect(code2, second.err()).toBe(0);
    const o = outcome(out);
    // Jobs of the first run that were waiting for their retry may still process a report again (same result).
    await until('the queue to settle', 120_000, async () => (await counts(schema)).done === COUNT);
    const after = await counts(schema);
    figures.push({ scenario: `PostgreSQL away 15 s with ITA_OUTAGE_TIMEOUT_S=3: batch stops, then the same command again`, reports: COUNT, processed: after.done - after.failed, failed: after.failed, lost: COUNT - o.distinct, duplicated: o.lines - o.distinct, exports: o.exports });
    expect(o).toMatchObject({ lines: COUNT, distinct: COUNT, exports: true });
    for (const w of workers) w.child.kill('SIGTERM');
    await Promise.all(workers.map((w) => w.exited));
  }, 600_000);
});

describe('fault suite: embedded batch', () => {
  it('SIGTERM mid-batch: stops cleanly, keeps what it received; the same command again finishes, nothing lost', async () => {
    const data = mkdtempSync(join(tmpdir(), 'ita-fault-data-'));
    const out = mkdtempSync(join(tmpdir(), 'ita-fault-out-'));
    cleanups.push(async () => rmSync(data, { recursive: true, force: true }), async () => rmSync(out, { recursive: true, force: true }));
    const env: Env = { ITA_DATA_DIR: data, ITA_CONCURRENCY: '2' };
    const started = Date.now();
    const first = startBatch(join(files, 'in'), out, env);
    await until('processing to start', 120_000, async () => /\d+\/150 reports/.test(first.err()) || /to process/.test(first.err()));
    await sleep(3000);
    first.child.kill('SIGTERM');
    const stoppedAt = Date.now();
    const code1 = await first.exited;
    const stopS = (Date.now() - stoppedAt) / 1000;
    expect(code1, first.err()).toBe(1);
    expect(first.err()).toMatch(/stopped by SIGTERM with \d+ report\(s\) not yet processed \(kept\)/);
    const left = Number(/with (\d+) report\(s\) not yet processed/.exec(first.err())![1]);
    expect(left).toBeGreaterThan(0);
    const second = startBatch(join(files, 'in'), out, env);
    const code2 = await second.exited;
    expect(code2, second.err()).toBe(0);
    expect(second.err()).toMatch(new RegExp(`${COUNT} distinct report\\(s\\), ${left} to process`));
    const o = outcome(out);
    const fig = { scenario: 'SIGTERM to an embedded batch, then the same command again', reports: COUNT, processed: o.distinct, failed: 0, lost: COUNT - o.distinct, duplicated: o.lines - o.distinct, exports: o.exports, stopS: Number(stopS.toFixed(1)), leftAfterStop: left, totalS: Number(((Date.now() - started) / 1000).toFixed(1)) };
    figures.push(fig);
    expect(fig).toMatchObject({ processed: COUNT, lost: 0, duplicated: 0, exports: true });
  }, 600_000);
});
