/**
 * Does the embedded batch cost grow linearly? For each size (default 100, 333, 1000): a fresh province batch from
 * bench/generate-batch.ts, then `ita-ingest batch` embedded (PGlite, a new data folder whose empty database was made
 * before — making it is a one-off ~4 s, bench/batch.ts shows both — exports written), timed,
 * with its peak RSS (VmHWM, polled). Reports ms a report and the spread between sizes (target ≤ 10%).
 * Needs LibreOffice (generate-batch). Run: node bench/linearity.ts [N…]
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { DATA, ROOT, embeddedBatch } from './runs.ts';

const sizes = process.argv.slice(2).map(Number).filter(Boolean);
const rows: Array<{ n: number; pages: number; seconds: number; peakMb: number }> = [];

for (const n of sizes.length ? sizes : [100, 333, 1000]) {
  execFileSync(process.execPath, [`${ROOT}bench/generate-batch.ts`, String(n)], { stdio: 'ignore' });
  const pages = Object.values(JSON.parse(readFileSync(`${DATA}pages.json`, 'utf8')) as Record<string, number>).reduce((a, b) => a + b, 0);
  const run = await embeddedBatch(`${DATA}batch`, { name: 'lin', initialised: true });
  if (run.code !== 0) throw new Error(`batch exited ${run.code}`);
  rows.push({ n, pages, seconds: run.seconds, peakMb: Math.round(run.peakMb) });
}

const perReport = rows.map((r) => (1000 * r.seconds) / r.n);
const spread = (Math.max(...perReport) - Math.min(...perReport)) / Math.min(...perReport);
console.log(`Machine: ${cpus()[0]?.model ?? '?'}, ${availableParallelism()} cores, ${Math.round(totalmem() / 2 ** 30)} GiB; node ${process.version}\n`);
console.log(['| reports | pages | seconds (embedded, exports included) | ms a report | peak RSS MB |', '|---|---|---|---|---|',
  ...rows.map((r, i) => `| ${r.n} | ${r.pages} | ${r.seconds.toFixed(1)} | ${perReport[i].toFixed(1)} | ${r.peakMb} |`)].join('\n'));
console.log(`\nspread of ms a report between sizes: ${(100 * spread).toFixed(1)}%`);
