/**
 * The warm pipeline on PDFs beside `pdftotext -raw` on the same files, in the same run (issue 10, first target:
 * the pipeline on one thread at ≥ 1/3 of pdftotext's pages/s). Files: every PDF of the accuracy sets (LibreOffice
 * and Chromium PDFs of generated reports, 1–3 pages), or of the folders given with --dir (bench/.data/batch: the
 * province batch of bench/generate-batch.ts, ~9 pages a report); the first N with --limit N.
 *  - pdftotext -raw, one process after another, and 2 at a time;
 *  - extractDocument (pdf.js + ActualText + layout) and extractReport (bytes → result), one thread, warm (a first
 *    pass over 20 files is not timed).
 * Run: node bench/pdf-speed.ts [--dir DIR]… [--limit N]
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { PDFDocument } from 'pdf-lib';
import { extractDocument, extractReport } from '../src/pipeline.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const { values: args } = parseArgs({ options: { limit: { type: 'string' }, dir: { type: 'string', multiple: true } } });
const dirs = args.dir?.length ? args.dir : ['fixtures/accuracy', 'fixtures/accuracy-b', 'fixtures/accuracy-c'].map((d) => join(ROOT, d));
let files = dirs.flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.pdf')).sort().map((f) => join(d, f)));
if (args.limit) files = files.slice(0, Number(args.limit));
const bytes = files.map((f) => new Uint8Array(readFileSync(f)));
const pages = (await Promise.all(bytes.map(async (b) => (await PDFDocument.load(b)).getPageCount()))).reduce((a, b) => a + b, 0);

const pdftotext = (f: string) => new Promise<void>((resolve, reject) => {
  const p = spawn('pdftotext', ['-raw', f, '-'], { stdio: ['ignore', 'ignore', 'ignore'] });
  p.on('exit', (c) => (c === 0 ? resolve() : reject(new Error(`pdftotext ${f}: ${c}`))));
});
const seconds = async (work: () => Promise<unknown>) => {
  const t = performance.now();
  await work();
  return (performance.now() - t) / 1000;
};

const rows: Array<[string, number]> = [];
rows.push(['pdftotext -raw, one after another', await seconds(async () => { for (const f of files) await pdftotext(f); })]);
rows.push(['pdftotext -raw, 2 at a time', await seconds(async () => {
  let next = 0;
  await Promise.all([0, 1].map(async () => { while (next < files.length) await pdftotext(files[next++]); }));
})]);
for (const b of bytes.slice(0, 20)) await extractReport(b, 'warm-up.pdf');
rows.push(['extractDocument, 1 thread, warm', await seconds(async () => { for (const [i, b] of bytes.entries()) await extractDocument(b, files[i]); })]);
rows.push(['extractReport (bytes → result), 1 thread, warm', await seconds(async () => { for (const [i, b] of bytes.entries()) await extractReport(b, files[i]); })]);

const ref = pages / rows[0][1];
console.log(`Machine: ${cpus()[0]?.model ?? '?'}, ${availableParallelism()} cores, ${Math.round(totalmem() / 2 ** 30)} GiB; node ${process.version}`);
console.log(`Files: ${files.length} PDFs, ${pages} pages (${args.dir?.length ? args.dir.join(', ') : 'the accuracy sets'})\n`);
console.log(['| what | seconds | pages/s | × pdftotext one after another |', '|---|---|---|---|',
  ...rows.map(([what, s]) => `| ${what} | ${s.toFixed(2)} | ${(pages / s).toFixed(0)} | ${(pages / s / ref).toFixed(2)} |`)].join('\n'));
console.log(`\npeak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
