/**
 * Does the pipeline leak? Every report of the province batch (bench/generate-batch.ts) through extractReport in one
 * thread, the live heap measured after a forced full GC every 100 reports: flat means nothing is kept from one
 * report to the next (a process whose RSS still grows is holding garbage V8 has not collected yet, not a leak).
 * Run: node --expose-gc bench/heap.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA } from './runs.ts';
import { extractReport } from '../src/pipeline.ts';

if (!globalThis.gc) throw new Error('run with node --expose-gc bench/heap.ts');
const files = readdirSync(`${DATA}batch`).sort().map((f) => join(`${DATA}batch`, f));
console.log('| reports read | live heap after full GC, MB | RSS MB |\n|---|---|---|');
for (const [i, f] of files.entries()) {
  await extractReport(new Uint8Array(readFileSync(f)), f);
  if ((i + 1) % 100 === 0 || i === files.length - 1) {
    globalThis.gc();
    const m = process.memoryUsage();
    console.log(`| ${i + 1} | ${(m.heapUsed / 2 ** 20).toFixed(1)} | ${Math.round(m.rss / 2 ** 20)} |`);
  }
}
