/**
 * OCR benchmark on the scanned fixtures (fixtures/scans), side by side with a reference in the same run:
 *  1. one thread, every scan through the pipeline (bytes → result): pages/s, and the share of render (pdf.js to a
 *     bitmap, straightening), recognise (tesseract.js) and second look (digit reader);
 *  2. the same files split over 2 processes (both cores busy): pages/s;
 *  3. reference: poppler's pdftoppm -r 300 + Debian's tesseract (native, OMP_THREAD_LIMIT=1) on the same pages, one
 *     after another and 2 at a time, when both are installed;
 *  4. peak RSS of one `ita-ingest extract` process (a worker reads a document the same way) on a 20-page scan made
 *     of the fixture pages.
 * Digit accuracy before and after the second look: node bench/ocr-digits.ts.
 * Run: node bench/ocr.ts
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument } from 'pdf-lib';
import { watchPeak } from './peak.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const SCANS = `${ROOT}fixtures/scans/`;
const files = readdirSync(SCANS).filter((f) => f.endsWith('.pdf')).sort();
const pagesOf = async (f: string) => (await PDFDocument.load(readFileSync(SCANS + f))).getPageCount();
const pageCounts = await Promise.all(files.map(pagesOf));
const totalPages = pageCounts.reduce((a, b) => a + b, 0);

/** Runs bench/ocr-worker.ts on some files in a child process: { seconds, ms: {render, recognise, digits}, maxRssMb }. */
function child(list: string[], breakdown = false): Promise<{ seconds: number; ms: Record<string, number>; maxRssMb: number }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [`${ROOT}bench/ocr-worker.ts`, ...(breakdown ? ['--breakdown'] : []), ...list.map((f) => SCANS + f)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`worker exited ${code}`))));
  });
}

const rows: string[] = [];
const fmt = (n: number, d = 2) => n.toFixed(d);

// 1. One thread.
const one = await child(files, true);
const total = one.ms.render + one.ms.recognise + one.ms.digits;
rows.push(`| pipeline, 1 process (bytes → result) | ${fmt(one.seconds, 1)} | ${fmt(totalPages / one.seconds)} | render ${fmt((100 * one.ms.render) / total, 0)}% · recognise ${fmt((100 * one.ms.recognise) / total, 0)}% · second look ${fmt((100 * one.ms.digits) / total, 1)}% |`);

// 2. Two processes, files dealt alternately by pages.
const halves: string[][] = [[], []];
const load = [0, 0];
files.map((f, i) => [f, pageCounts[i]] as const).sort((a, b) => b[1] - a[1]).forEach(([f, n]) => {
  const k = load[0] <= load[1] ? 0 : 1;
  halves[k].push(f);
  load[k] += n;
});
const t2 = performance.now();
await Promise.all(halves.map((h) => child(h)));
const two = (performance.now() - t2) / 1000;
rows.push(`| pipeline, 2 processes | ${fmt(two, 1)} | ${fmt(totalPages / two)} | |`);

// 3. Reference: pdftoppm + native tesseract on the same pages.
const has = (cmd: string) => { try { execFileSync('sh', ['-c', `command -v ${cmd}`]); return true; } catch { return false; } };
if (has('pdftoppm') && has('tesseract')) {
  const tmp = mkdtempSync(join(tmpdir(), 'ocr-ref-'));
  const refOne = (f: string, tag: string) => new Promise<void>((resolve, reject) => {
    const p = spawn('sh', ['-c', `pdftoppm -r 300 -gray -png "${SCANS + f}" ${tmp}/${tag} && for i in ${tmp}/${tag}*.png; do tesseract "$i" - -l tha --psm 3 >/dev/null 2>&1; done`], { env: { ...process.env, OMP_THREAD_LIMIT: '1' } });
    p.on('exit', (c) => (c === 0 ? resolve() : reject(new Error(`reference exited ${c}`))));
  });
  let t = performance.now();
  for (const [i, f] of files.entries()) await refOne(f, `a${i}-`);
  const refSeq = (performance.now() - t) / 1000;
  t = performance.now();
  await Promise.all(halves.map(async (h, k) => { for (const [i, f] of h.entries()) await refOne(f, `b${k}-${i}-`); }));
  const refTwo = (performance.now() - t) / 1000;
  rmSync(tmp, { recursive: true, force: true });
  rows.push(`| reference: pdftoppm -r 300 + tesseract (native), 1 at a time | ${fmt(refSeq, 1)} | ${fmt(totalPages / refSeq)} | ratio pipeline/reference ${fmt(refSeq / one.seconds)} |`);
  rows.push(`| reference, 2 at a time | ${fmt(refTwo, 1)} | ${fmt(totalPages / refTwo)} | ratio ${fmt(refTwo / two)} |`);
} else rows.push('| reference | – | – | pdftoppm or tesseract not installed |');

// 4. Peak RSS on a 20-page scan.
const big = await PDFDocument.create();
let n = 0;
for (const f of files) {
  const src = await PDFDocument.load(readFileSync(SCANS + f));
  for (const p of await big.copyPages(src, src.getPageIndices())) if (n++ < 20) big.addPage(p);
}
const tmp20 = mkdtempSync(join(tmpdir(), 'ocr20-'));
writeFileSync(`${tmp20}/scan-20-pages.pdf`, await big.save());
const t20 = performance.now();
const { out: r20, peakKb } = await new Promise<{ out: string; peakKb: number }>((resolve, reject) => {
  const p = spawn(process.execPath, [`${ROOT}bin/ita-ingest.mjs`, 'extract', '--json', `${tmp20}/scan-20-pages.pdf`], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  const peak = watchPeak(p);
  p.stdout.on('data', (d) => (out += d));
  p.on('exit', (code) => (code === 0 ? resolve({ out, peakKb: peak() }) : reject(new Error(`extract exited ${code}`))));
});
const s20 = (performance.now() - t20) / 1000;
const peak = peakKb;
rmSync(tmp20, { recursive: true, force: true });
const pages20 = (JSON.parse(r20) as { source: { pages: number } }).source.pages;

console.log(`Machine: ${cpus()[0]?.model ?? '?'}, ${availableParallelism()} cores, ${Math.round(totalmem() / 2 ** 30)} GiB; node ${process.version}`);
console.log(`Scans: ${files.length} files, ${totalPages} pages (fixtures/scans)\n`);
console.log(['| what | seconds | pages/s | notes |', '|---|---|---|---|', ...rows].join('\n'));
console.log(`\n20-page scan through \`ita-ingest extract\`: ${pages20} pages in ${fmt(s20, 1)} s, peak RSS ${Math.round(peak / 1024)} MB (VmHWM)`);
