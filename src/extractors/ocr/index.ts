/**
 * A page without a usable text layer → the same primitives the PDF path takes from a text layer: text items with
 * boxes (tesseract's words, in points on the straightened page) and table rules (found on the bitmap), so the
 * same layout turns them into paragraphs and cells. Every number tesseract read gets a second, independent
 * reading (digits.ts); both are kept, and each word's confidence goes with its piece of text.
 * The text holds the digit reader's reading of a number when it read every glyph (it is right far more often on
 * Thai digits: BENCHMARKS.md), tesseract's otherwise; validate/ocr.ts decides which values stand unflagged.
 */
import type { PDFPageProxy } from 'pdfjs-dist/types/src/display/api.js';
import type { OcrNumber } from '../../model/document.ts';
import { arabicDigitsToThai, thaiDigitsToArabic } from '../../normalize/rules.ts';
import { ruledRegions } from '../pdf/layout.ts';
import type { Rule } from '../pdf/ruling-lines.ts';
import type { TextItem } from '../pdf/text-items.ts';
import { renderPage, toPagePoints, toPgm, type PageImage } from './bitmap.ts';
import { readDigits, type LineFrame } from './digits.ts';
import { bitmapRules } from './rules.ts';
import type { OcrEngine, OcrLine, OcrWord } from './tesseract.ts';

/** Resolution pages are rendered at for tesseract. */
export const OCR_DPI = 300;

export interface OcrPage {
  items: TextItem[];
  rules: Rule[];
  numbers: OcrNumber[];
  image: PageImage;
  /** Milliseconds spent rendering (with straightening) and recognising. */
  ms: { render: number; recognise: number; digits: number };
}

const DIGIT = /[0-9๐-๙]/u;
const NUMBER_WORD = /^[0-9๐-๙.,]+$/u;

function frameOf(line: OcrLine, x: number): LineFrame {
  const b = line.baseline;
  const t = b.x1 === b.x0 ? 0 : (x - b.x0) / (b.x1 - b.x0);
  const r = line.rowAttributes;
  return { baseline: b.y0 + (b.y1 - b.y0) * t, xHeight: Math.max(8, r.rowHeight - r.ascenders - r.descenders) };
}

/**
 * For each line's words, whether tesseract's page text has a space before the word (Thai words run on without
 * one). The first word of a line is left to the layout (undefined): lines are joined there.
 */
function spacesBefore(text: string, lines: OcrWord[][]): Array<Array<boolean | undefined>> {
  let at = 0;
  return lines.map((words) => words.map((w, i) => {
    let j = at;
    while (j < text.length && /\s/.test(text[j])) j++;
    // The page text keeps wide gaps as runs of spaces; a word not found where expected is left to the layout.
    const found = text.startsWith(w.text, j) ? j : text.indexOf(w.text, at);
    if (found < 0 || found - j > 20) return undefined;
    const spaced = i === 0 ? undefined : /[ \t]/.test(text.slice(at, found));
    at = found + w.text.length;
    return spaced;
  }));
}

/**
 * A number is written in one script: the digit reader may take a Thai ๐ for an Arabic 0 (they are one circle), so
 * its reading is put in the script most of its digits have (on a tie, tesseract's), which the text then matches.
 */
function oneScript(text: string, first: string): string {
  const thai = (text.match(/[๐-๙]/gu) ?? []).length;
  const arabic = (text.match(/[0-9]/g) ?? []).length;
  const toThai = thai > arabic || (thai === arabic && /[๐-๙]/u.test(first));
  return toThai ? arabicDigitsToThai(text) : thaiDigitsToArabic(text);
}

export async function ocrPage(page: PDFPageProxy, pageNo: number, engine: OcrEngine): Promise<OcrPage> {
  const t0 = performance.now();
  const image = await renderPage(page, OCR_DPI);
  const t1 = performance.now();
  const { lines, text } = await engine.readPage(toPgm(image), Math.round(image.scale * 72));
  const rules = bitmapRules(image, image.scale);
  const regions = ruledRegions(rules);
  const lineWords = lines.map((l) => l.words.filter((w) => w.text.trim()));
  const spaced = spacesBefore(text, lineWords);
  const t2 = performance.now();
  const s = image.scale;
  const items: TextItem[] = [];
  const numbers: OcrNumber[] = [];
  const push = (str: string, b: [number, number, number, number], line: OcrLine, conf: number, spaceBefore: boolean | undefined) => {
    items.push({ str, bbox: [b[0] / s, b[1] / s, b[2] / s, b[3] / s], baseline: frameOf(line, (b[0] + b[2]) / 2).baseline / s, fontSize: Math.max(6, (line.rowAttributes.rowHeight * 0.8) / s), order: items.length, spaceBefore, confidence: conf });
  };
  const boxOf = (w: OcrWord): [number, number, number, number] => [w.bbox.x0, w.bbox.y0, w.bbox.x1, w.bbox.y1];
  for (const [n, line] of lines.entries()) {
    const [words, space] = [lineWords[n], spaced[n]];
    // Pass 1: numbers. Runs of adjacent words made only of digits and points (tesseract often cuts Thai digits one
    // by one); each is read again by the digit reader, which may take in a digit tesseract read as a letter next to
    // it (๗ read as ฒ): the words it took in belong to the number.
    const runs: Array<{ from: number; to: number; number: OcrNumber; box: [number, number, number, number] }> = [];
    for (let i = 0; i < words.length; i++) {
      if (!DIGIT.test(words[i].text)) continue;
      const from = i;
      const frame = frameOf(line, words[i].bbox.x0);
      if (NUMBER_WORD.test(words[i].text)) {
        while (i + 1 < words.length && NUMBER_WORD.test(words[i + 1].text) && words[i + 1].bbox.x0 - words[i].bbox.x1 < frame.xHeight * 0.6) i++;
      }
      const run = words.slice(from, i + 1);
      const box: [number, number, number, number] = [
        Math.min(...run.map((w) => w.bbox.x0)), Math.min(...run.map((w) => w.bbox.y0)),
        Math.max(...run.map((w) => w.bbox.x1)), Math.max(...run.map((w) => w.bbox.y1)),
      ];
      const first = run.map((w) => w.text).join('');
      // A word mixing letters and digits has no box of its own for the digits: it gets no second reading.
      const reading = NUMBER_WORD.test(first) ? readDigits(image, box, frameOf(line, (box[0] + box[2]) / 2)) : { text: '', x0: box[0], x1: box[2] };
      const complete = DIGIT.test(reading.text) && !reading.text.includes('?');
      if (complete) reading.text = oneScript(reading.text, first);
      let [a, b] = [from, i];
      if (complete) {
        // Words lying mostly on the glyphs the reader took in are part of the number.
        const inside = (w: OcrWord) => Math.min(w.bbox.x1, reading.x1) - Math.max(w.bbox.x0, reading.x0) >= (w.bbox.x1 - w.bbox.x0) / 2;
        while (a > 0 && inside(words[a - 1]) && !runs.some((r) => r.to >= a - 1)) a--;
        while (b + 1 < words.length && inside(words[b + 1])) b++;
        box[0] = Math.min(box[0], reading.x0);
        box[2] = Math.max(box[2], reading.x1);
        i = b;
      }
      const all = words.slice(a, b + 1);
      const number: OcrNumber = {
        page: pageNo, bbox: toPagePoints(image, box), first: all.map((w) => w.text).join(''), second: reading.text,
        confidence: Math.min(...all.map((w) => w.confidence)) / 100, used: complete ? 'second' : 'first',
        inTable: regions.some((r) => box[0] / s >= r.x0 - 1 && box[2] / s <= r.x1 + 1 && box[1] / s >= r.y0 - 1 && box[3] / s <= r.y1 + 1),
      };
      numbers.push(number);
      runs.push({ from: a, to: b, number, box });
    }
    // Two numbers closer than a word space may be one number cut in two (๒|๓ for ๒๓, ๘๖|๐๗ for ๘๖.๐๗): neither
    // reading is taken as complete.
    for (let k = 1; k < runs.length; k++) {
      const [p, q] = [runs[k - 1], runs[k]];
      if (q.box[0] - p.box[2] < frameOf(line, q.box[0]).xHeight) {
        for (const r of [p, q]) if (!r.number.second.startsWith('?')) [r.number.second, r.number.used] = [`?${r.number.second}`, 'first'];
      }
    }
    // Pass 2: the items, in reading order; a number read in full by the digit reader is one item holding its reading.
    for (let i = 0; i < words.length; i++) {
      const run = runs.find((r) => r.from === i);
      if (run?.number.used === 'second') {
        push(run.number.second, run.box, line, run.number.confidence, space[i]);
        i = run.to;
      } else push(words[i].text, boxOf(words[i]), line, Math.round(words[i].confidence) / 100, space[i]);
    }
  }
  const t3 = performance.now();
  return { items, rules, numbers, image, ms: { render: t1 - t0, recognise: t2 - t1, digits: t3 - t2 } };
}
