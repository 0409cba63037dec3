/**
 * Digit accuracy of OCR on the scanned fixtures, before and after the second look: every number tesseract found
 * is compared with the number the born-digital source shows at that place (pdftotext -bbox on the source PDF,
 * its boxes turned by the scan's known rotation). Reports, per fixture and in all: tokens compared, tesseract right,
 * digit reader right, both agree, and both agree but wrong (the case only the arithmetic checks can catch).
 * Needs pdftotext (poppler-utils). Run: node bench/ocr-digits.ts [name…]
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { numberValue, type OcrNumber } from '../src/model/document.ts';
import { ocrPage } from '../src/extractors/ocr/index.ts';
import { startOcrEngine } from '../src/extractors/ocr/tesseract.ts';
import { withPdfDocument } from '../src/extractors/pdf/with-pdf-document.ts';

const FIX = fileURLToPath(new URL('../fixtures/', import.meta.url));
const manifest = JSON.parse(readFileSync(`${FIX}scans/manifest.json`, 'utf8')) as Array<{ name: string; file: string; source: string; rotations: number[]; pages?: number[] }>;
const only = process.argv.slice(2);

interface SourceWord { box: [number, number, number, number]; value: string }
function sourceNumbers(pdf: string, page: number, angle: number, w: number, h: number): SourceWord[] {
  const html = execFileSync('pdftotext', ['-f', String(page), '-l', String(page), '-bbox', pdf, '-']).toString('utf8');
  const out: SourceWord[] = [];
  const a = (angle * Math.PI) / 180;
  const turn = (x: number, y: number): [number, number] => [w / 2 + (x - w / 2) * Math.cos(a) - (y - h / 2) * Math.sin(a), h / 2 + (x - w / 2) * Math.sin(a) + (y - h / 2) * Math.cos(a)];
  for (const m of html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
    const runs = m[5].match(/[0-9๐-๙]+(?:\.[0-9๐-๙]+)?/gu);
    if (!runs || runs.length !== 1) continue;
    const pts = [turn(+m[1], +m[2]), turn(+m[3], +m[2]), turn(+m[1], +m[4]), turn(+m[3], +m[4])];
    out.push({ box: [Math.min(...pts.map((p) => p[0])), Math.min(...pts.map((p) => p[1])), Math.max(...pts.map((p) => p[0])), Math.max(...pts.map((p) => p[1]))], value: numberValue(runs[0]) });
  }
  return out;
}

const total = { tokens: 0, first: 0, second: 0, agree: 0, agreeWrong: 0, secondComplete: 0 };
const engine = await startOcrEngine();
const rows: string[] = [];
for (const m of manifest.filter((x) => !only.length || only.includes(x.name))) {
  const t = { tokens: 0, first: 0, second: 0, agree: 0, agreeWrong: 0, secondComplete: 0 };
  await withPdfDocument(new Uint8Array(readFileSync(`${FIX}scans/${m.file}`)), m.file, async (pdf) => {
    for (let p = 1; p <= pdf.numPages; p++) {
      const page = await pdf.getPage(p);
      const [, , w, h] = page.view;
      const src = sourceNumbers(FIX + m.source, m.pages?.[p - 1] ?? p, m.rotations[p - 1], w, h);
      const r = await ocrPage(page, p, engine);
      for (const n of r.numbers as OcrNumber[]) {
        const [cx, cy] = [(n.bbox[0] + n.bbox[2]) / 2, (n.bbox[1] + n.bbox[3]) / 2];
        const truth = src.find((s) => cx >= s.box[0] - 3 && cx <= s.box[2] + 3 && cy >= s.box[1] - 3 && cy <= s.box[3] + 3);
        if (!truth || !/^[0-9๐-๙.,]+$/u.test(n.first)) continue;
        t.tokens++;
        const [f, s] = [numberValue(n.first), numberValue(n.second)];
        if (f === truth.value) t.first++;
        if (s === truth.value) t.second++;
        if (!s.includes('?') && s) t.secondComplete++;
        if (f === s) {
          t.agree++;
          if (f !== truth.value) t.agreeWrong++;
        }
        if (process.env.VERBOSE) console.log(m.name, p, truth.value, f, s);
      }
    }
  });
  for (const k of Object.keys(t) as Array<keyof typeof t>) total[k] += t[k];
  rows.push(`| ${m.name} | ${t.tokens} | ${t.first} | ${t.second} | ${t.agree} | ${t.agreeWrong} |`);
}
await engine.end();
const pct = (a: number) => `${((100 * a) / Math.max(1, total.tokens)).toFixed(1)}%`;
console.log(['| scan | numbers | tesseract right | digit reader right | readings agree | agree but wrong |', '|---|---|---|---|---|---|', ...rows,
  `| **all** | ${total.tokens} | ${total.first} (${pct(total.first)}) | ${total.second} (${pct(total.second)}) | ${total.agree} (${pct(total.agree)}) | ${total.agreeWrong} |`].join('\n'));
