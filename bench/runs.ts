/**
 * What the batch benches share: running `ita-ingest` as a child process with its peak RSS, and one timed batch
 * embedded (PGlite, in-process threads) or through BullMQ (PostgreSQL + Redis, N worker processes).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { watchPeak } from './peak.ts';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const DATA = `${ROOT}bench/.data/`;
const BIN = `${ROOT}bin/ita-ingest.mjs`;
export const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
export const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface Run { child: ChildProcess; done: Promise<number | null>; peakMb: () => number }

/** `ita-ingest …args` with `env` added (and Node flags `nodeArgs`); stderr is shown only when it fails. */
export function runCli(args: string[], env: Record<string, string>, nodeArgs: string[] = []): Run {
  const child = spawn(process.execPath, [...nodeArgs, BIN, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  const peak = watchPeak(child);
  return { child, peakMb: () => peak() / 1024, done: new Promise((r) => child.on('exit', (code) => (code && code > 1 ? (console.error(err), r(code)) : r(code)))) };
}

export interface BatchRun { seconds: number; peakMb: number; code: number | null }

/**
 * `ita-ingest batch DIR` embedded on a new data folder: with `initialised`, one whose empty database was made
 * before (a province's second batch); without, the run includes making the database (its first).
 */
export async function embeddedBatch(dir: string, opts: { name?: string; concurrency?: number; initialised?: boolean } = {}): Promise<BatchRun> {
  const name = opts.name ?? 'embedded';
  rmSync(`${DATA}${name}-db`, { recursive: true, force: true });
  rmSync(`${DATA}${name}-out`, { recursive: true, force: true });
  if (opts.initialised) {
    if (!existsSync(`${DATA}empty-db`)) {
      const { openDatabase } = await import('../src/store/db.ts');
      await (await openDatabase({ databaseUrl: null, dataDir: `${DATA}empty-db` })).close();
    }
    cpSync(`${DATA}empty-db`, `${DATA}${name}-db`, { recursive: true });
  }
  const t0 = performance.now();
  const args = ['batch', dir, '--out', `${DATA}${name}-out`, ...(opts.concurrency ? ['--concurrency', String(opts.concurrency)] : [])];
  const b = runCli(args, { REDIS_URL: '', DATABASE_URL: '', ITA_DATA_DIR: `${DATA}${name}-db` });
  const code = await b.done;
  return { seconds: (performance.now() - t0) / 1000, peakMb: b.peakMb(), code };
}

/** `ita-ingest batch DIR` in-process with PostgreSQL (no queue): the reference for the queue's own cost. */
export async function postgresBatch(dir: string, concurrency: number): Promise<BatchRun> {
  return withSchema(async (env) => {
    const t0 = performance.now();
    const b = runCli(['batch', dir, '--out', `${DATA}pg-out`, '--concurrency', String(concurrency)], { ...env, REDIS_URL: '' });
    const code = await b.done;
    return { seconds: (performance.now() - t0) / 1000, peakMb: b.peakMb(), code };
  });
}

export interface QueuedRun extends BatchRun { workerPeaksMb: number[] }

/** `ita-ingest batch DIR` through BullMQ with `workers` worker processes of `concurrency` threads each. */
export async function queuedBatch(dir: string, workers: number, concurrency = 1): Promise<QueuedRun> {
  return withSchema(async (env) => {
    const queue = `bench-${Date.now()}`;
    const qenv = { ...env, REDIS_URL, ITA_QUEUE: queue };
    const ws = Array.from({ length: workers }, () => runCli(['worker', '--concurrency', String(concurrency)], qenv));
    await new Promise((r) => setTimeout(r, 3000)); // let the workers connect and migrate
    const t0 = performance.now();
    const b = runCli(['batch', dir, '--out', `${DATA}queued-out`], qenv);
    const code = await b.done;
    const seconds = (performance.now() - t0) / 1000;
    for (const w of ws) w.child.kill('SIGTERM');
    await Promise.all(ws.map((w) => w.done));
    await dropQueue(queue);
    return { seconds, peakMb: b.peakMb(), code, workerPeaksMb: ws.map((w) => w.peakMb()) };
  });
}

/** A bench's BullMQ queue, removed with its jobs. */
export async function dropQueue(name: string): Promise<void> {
  const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const q = new Queue(name, { connection });
  await q.obliterate({ force: true });
  await q.close();
  connection.disconnect();
}

/** A fresh PostgreSQL schema for one run (DATABASE_URL and ITA_DB_SCHEMA in the env given to `fn`), dropped after it. */
export async function withSchema<T>(fn: (env: Record<string, string>) => Promise<T>): Promise<T> {
  const schema = `bench_${Date.now()}`;
  try {
    return await fn({ DATABASE_URL: PG_URL, ITA_DB_SCHEMA: schema });
  } finally {
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await c.end();
  }
}
