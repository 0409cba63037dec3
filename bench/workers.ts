/**
 * Queue scaling: the province batch (bench/generate-batch.ts) through BullMQ with 1, 2 and 4 worker processes
 * (one extraction thread each), beside the same batch run in-process on the same PostgreSQL with one thread (no
 * queue). The queue's own cost a report is (1 worker − in-process, 1 thread) ÷ reports: Redis round trips, job
 * bookkeeping, the producer's polling. 4 workers on this 2-core machine show what oversubscription costs, not scaling.
 * Then one worker's peak RSS on a single 100-page PDF (the batch's PDFs joined), the per-document bound.
 * Run: node bench/workers.ts [N…]   (after node bench/generate-batch.ts)
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { PDFDocument } from 'pdf-lib';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { DATA, postgresBatch, queuedBatch, type QueuedRun } from './runs.ts';

const counts = process.argv.slice(2).map(Number).filter(Boolean);
const reports = readdirSync(`${DATA}batch`).length;
const base = await postgresBatch(`${DATA}batch`, 1);
const rows: Array<QueuedRun & { n: number }> = [];
for (const n of counts.length ? counts : [1, 2, 4]) rows.push({ n, ...(await queuedBatch(`${DATA}batch`, n)) });

// One long report: the batch's PDFs joined until they make 100 pages or more.
const long = await PDFDocument.create();
for (const f of readdirSync(`${DATA}batch`).filter((f) => f.endsWith('.pdf')).sort()) {
  if (long.getPageCount() >= 100) break;
  const src = await PDFDocument.load(readFileSync(`${DATA}batch/${f}`));
  for (const page of await long.copyPages(src, src.getPageIndices())) long.addPage(page);
}
rmSync(`${DATA}long`, { recursive: true, force: true });
mkdirSync(`${DATA}long`);
writeFileSync(`${DATA}long/long-report.pdf`, await long.save());
const one = await queuedBatch(`${DATA}long`, 1);

console.log(`Machine: ${cpus()[0]?.model ?? '?'}, ${availableParallelism()} cores, ${Math.round(totalmem() / 2 ** 30)} GiB; node ${process.version}; ${reports} reports\n`);
console.log(['| run | seconds | reports/s | × 1 worker | peak RSS MB a worker | exit |', '|---|---|---|---|---|---|',
  `| in-process, 1 thread, PostgreSQL (no queue) | ${base.seconds.toFixed(2)} | ${(reports / base.seconds).toFixed(2)} | | ${base.peakMb.toFixed(0)} (one process) | ${base.code} |`,
  ...rows.map((r) => `| BullMQ, ${r.n} worker${r.n > 1 ? 's' : ''} × 1 thread | ${r.seconds.toFixed(2)} | ${(reports / r.seconds).toFixed(2)} | ${(rows[0].seconds / r.seconds).toFixed(2)} | ${Math.max(...r.workerPeaksMb).toFixed(0)} | ${r.code} |`)].join('\n'));
console.log(`\none worker on one ${long.getPageCount()}-page PDF: peak RSS ${Math.round(one.workerPeaksMb[0])} MB (${one.seconds.toFixed(1)} s, exit ${one.code})`);
const single = rows.find((r) => r.n === 1);
if (single) console.log(`\nqueue overhead a report (1 worker − in-process, 1 thread): ${((1000 * (single.seconds - base.seconds)) / reports).toFixed(1)} ms`);
