/**
 * One process of bench/ocr.ts: reads the files given through the pipeline and prints { seconds, ms: { render,
 * recognise, digits }, maxRssMb } as JSON (ms only with --breakdown, from a first pass of extraction alone).
 */
import { readFileSync } from 'node:fs';
import { extractDocument, extractReport } from '../src/pipeline.ts';

const breakdown = process.argv[2] === '--breakdown';
const files = process.argv.slice(breakdown ? 3 : 2);
const ms = { render: 0, recognise: 0, digits: 0 };
const t = performance.now();
// With --breakdown, first a pass of extraction alone, to read where its time goes.
for (const f of breakdown ? files : []) {
  const bytes = new Uint8Array(readFileSync(f));
  const doc = await extractDocument(bytes, f);
  for (const k of Object.keys(ms) as Array<keyof typeof ms>) ms[k] += doc.value.ocr?.ms[k] ?? 0;
}
const docSeconds = (performance.now() - t) / 1000;
// The whole pipeline on the same files (normalise, parse, validate on top of the above), timed on its own.
const t2 = performance.now();
for (const f of files) await extractReport(new Uint8Array(readFileSync(f)), f);
const seconds = (performance.now() - t2) / 1000;
process.stdout.write(JSON.stringify({ seconds, docSeconds, ms, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
