/**
 * Province-size batch benchmark: the batch from bench/generate-batch.ts, processed (1) embedded — PGlite and
 * in-process threads, one per core — on a new data folder (the database made first) and on one made before, and
 * (2) through BullMQ with 2 worker processes (one thread each) on the local
 * Redis and PostgreSQL. Reports reports/s, pages/s (pages of each report's PDF rendering), peak RSS (VmHWM of each
 * process, polled), and BullMQ's throughput against the embedded run's. Compare ratios within one run: the machine is noisy.
 * Run: node bench/batch.ts   (after node bench/generate-batch.ts)
 */
import { readFileSync, readdirSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { DATA, embeddedBatch, queuedBatch } from './runs.ts';

const pages = JSON.parse(readFileSync(`${DATA}pages.json`, 'utf8')) as Record<string, number>;
const files = readdirSync(`${DATA}batch`);
const totalPages = files.reduce((s, f) => s + (pages[f.replace(/\.\w+$/, '')] ?? 0), 0);

const e = await embeddedBatch(`${DATA}batch`);
const e2 = await embeddedBatch(`${DATA}batch`, { initialised: true });
const q = await queuedBatch(`${DATA}batch`, 2);
const q2 = { ...q, peakMb: Math.max(...q.workerPeaksMb) };
const fmt = (n: number) => n.toFixed(2);
const row = (name: string, r: { seconds: number; peakMb: number }) =>
  `| ${name} | ${fmt(r.seconds)} | ${fmt(files.length / r.seconds)} | ${fmt(totalPages / r.seconds)} | ${r.peakMb.toFixed(0)} |`;
console.log(`machine: ${cpus()[0]?.model ?? 'cpu'}, ${availableParallelism()} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
console.log(`batch: ${files.length} reports (${files.filter((f) => f.endsWith('.txt')).length} text, ${files.filter((f) => f.endsWith('.docx')).length} DOCX, ${files.filter((f) => f.endsWith('.pdf')).length} PDF), ${totalPages} pages`);
console.log('| mode | seconds | reports/s | pages/s | peak RSS MB (per process) |');
console.log('|---|---|---|---|---|');
console.log(row(`embedded (PGlite, ${availableParallelism()} threads), new data folder`, e));
console.log(row(`embedded, data folder made before (database empty)`, e2));
console.log(row('BullMQ, 2 workers × 1 thread (PostgreSQL)', q2) + ` producer ${q.peakMb.toFixed(0)} MB`);
console.log(`BullMQ throughput / embedded throughput: ${fmt(e.seconds / q.seconds)} (new data folder), ${fmt(e2.seconds / q.seconds)} (made before); exit codes ${e.code}, ${e2.code}, ${q.code}`);
