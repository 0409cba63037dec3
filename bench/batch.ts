/**
 * Province-size batch benchmark: the batch from bench/generate-batch.ts, processed (1) embedded — PGlite and
 * in-process threads, one per core — and (2) through BullMQ with 2 worker processes (one thread each) on the local
 * Redis and PostgreSQL. Reports reports/s, pages/s (pages of each report's PDF rendering), peak RSS (VmHWM of each
 * process, polled), and the BullMQ/embedded ratio. Compare ratios within one run: the machine is noisy.
 * Run: node bench/batch.ts   (after node bench/generate-batch.ts)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { watchPeak } from './peak.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const DATA = `${ROOT}bench/.data/`;
const BIN = `${ROOT}bin/ita-ingest.mjs`;
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const pages = JSON.parse(readFileSync(`${DATA}pages.json`, 'utf8')) as Record<string, number>;
const files = readdirSync(`${DATA}batch`);
const totalPages = files.reduce((s, f) => s + (pages[f.replace(/\.\w+$/, '')] ?? 0), 0);

function run(args: string[], env: Record<string, string>): { child: ChildProcess; done: Promise<number | null>; peak: () => number } {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  const peak = watchPeak(child);
  return { child, peak, done: new Promise((r) => child.on('exit', (code) => (code && code > 1 ? (console.error(err), r(code)) : r(code)))) };
}

async function embedded() {
  rmSync(`${DATA}embedded-db`, { recursive: true, force: true });
  const t0 = performance.now();
  const b = run(['batch', `${DATA}batch`, '--out', `${DATA}out-embedded`], { REDIS_URL: '', DATABASE_URL: '', ITA_DATA_DIR: `${DATA}embedded-db` });
  const code = await b.done;
  return { seconds: (performance.now() - t0) / 1000, peakMb: b.peak() / 1024, code };
}

async function queued() {
  const schema = `bench_${Date.now()}`;
  const queue = `bench-${Date.now()}`;
  const env = { DATABASE_URL: PG_URL, REDIS_URL, ITA_DB_SCHEMA: schema, ITA_QUEUE: queue };
  const workers = [0, 1].map(() => run(['worker', '--concurrency', '1'], env));
  await new Promise((r) => setTimeout(r, 3000)); // let both workers connect and migrate
  const t0 = performance.now();
  const b = run(['batch', `${DATA}batch`, '--out', `${DATA}out-queued`], env);
  const code = await b.done;
  const seconds = (performance.now() - t0) / 1000;
  for (const w of workers) w.child.kill('SIGTERM');
  await Promise.all(workers.map((w) => w.done));
  const peaks = workers.map((w) => w.peak() / 1024);
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await c.end();
  const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const q = new Queue(queue, { connection });
  await q.obliterate({ force: true });
  await q.close();
  connection.disconnect();
  return { seconds, peakMb: Math.max(...peaks), producerMb: b.peak() / 1024, code };
}

const e = await embedded();
const q = await queued();
const fmt = (n: number) => n.toFixed(2);
const row = (name: string, r: { seconds: number; peakMb: number }) =>
  `| ${name} | ${fmt(r.seconds)} | ${fmt(files.length / r.seconds)} | ${fmt(totalPages / r.seconds)} | ${r.peakMb.toFixed(0)} |`;
console.log(`machine: ${cpus()[0]?.model ?? 'cpu'}, ${availableParallelism()} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
console.log(`batch: ${files.length} reports (${files.filter((f) => f.endsWith('.txt')).length} text, ${files.filter((f) => f.endsWith('.docx')).length} DOCX, ${files.filter((f) => f.endsWith('.pdf')).length} PDF), ${totalPages} pages`);
console.log('| mode | seconds | reports/s | pages/s | peak RSS MB (per process) |');
console.log('|---|---|---|---|---|');
console.log(row(`embedded (PGlite, ${availableParallelism()} threads)`, e));
console.log(row('BullMQ, 2 workers × 1 thread (PostgreSQL)', q) + ` producer ${q.producerMb.toFixed(0)} MB`);
console.log(`BullMQ/embedded time ratio: ${fmt(q.seconds / e.seconds)} (exit codes ${e.code}, ${q.code})`);
