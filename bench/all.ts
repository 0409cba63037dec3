/**
 * `npm run bench`: every figure of BENCHMARKS.md, one bench after another (~25 minutes on 2 cores; LibreOffice,
 * poppler-utils, PostgreSQL and Redis needed, as for the tests). Each bench prints its machine, its reference run
 * and its table; all of it is also written to bench/.data/results.md. `npm run bench -- pdf batch` runs only those.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { DATA, ROOT } from './runs.ts';

const BENCHES: Array<[string, string, string[]]> = [
  ['pdf', 'Warm pipeline against pdftotext, accuracy sets (1–3 pages)', ['bench/pdf-speed.ts']],
  ['generate', 'A province of 333 reports (bench/generate-batch.ts)', ['bench/generate-batch.ts', '333']],
  ['pdf-batch', 'Warm pipeline against pdftotext, the province\'s PDFs (~9 pages)', ['bench/pdf-speed.ts', '--dir', `${DATA}batch`]],
  ['batch', 'Province batch: embedded (new and existing data folder) and BullMQ', ['bench/batch.ts']],
  ['workers', 'BullMQ with 1, 2 and 4 workers; the queue\'s cost a report', ['bench/workers.ts']],
  ['upload', 'Upload latency at 50 connections', ['bench/upload.ts']],
  ['heap', 'The pipeline\'s live heap over the province (a leak would grow it)', ['--expose-gc', 'bench/heap.ts']],
  ['linearity', '100, 333 and 1,000 reports embedded', ['bench/linearity.ts']],
  ['ocr', 'Scanned reports: OCR speed and memory', ['bench/ocr.ts']],
];

const only = process.argv.slice(2);
const out: string[] = [];
mkdirSync(DATA, { recursive: true });
for (const [key, title, args] of BENCHES) {
  if (only.length && !only.includes(key)) continue;
  const cmd = `node ${args.join(' ').replaceAll(DATA, 'bench/.data/')}`;
  process.stdout.write(`\n## ${title}\n\n\`${cmd}\`\n\n`);
  const t = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const text = `${r.stdout}\n(${((performance.now() - t) / 1000).toFixed(0)} s, exit ${r.status})\n`;
  process.stdout.write(text);
  out.push(`## ${title}\n\n\`${cmd}\`\n\n${text}`);
  if (r.status !== 0) process.exitCode = 1;
}
writeFileSync(`${DATA}results.md`, `# Bench run ${new Date().toISOString()}\n\n${out.join('\n')}`);
