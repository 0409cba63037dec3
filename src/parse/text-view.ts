/**
 * A block's spans joined into one searchable string, with a way back from a character offset to the span
 * (and so to its line, page and original snippet). Spans are joined with "\n": patterns treat it as a space.
 */
import type { Provenance, Span } from '../model/document.ts';
import type { WordSegmenter } from '../normalize/segment-words.ts';
import { arabicDigitsToThai } from '../normalize/rules.ts';
import { isSpaceInsideWord, lineJoin } from '../normalize/wrap-spaces.ts';

export interface TextView {
  text: string;
  spans: Span[];
  /**
   * Provenance of the span holding the character at `offset` (the original snippet in `text`). With `length`,
   * on PDF spans the bbox narrows to those characters (the value itself, for highlighting).
   */
  provAt(offset: number, length?: number): Provenance;
}

/** Thai marks drawn above or below the previous letter (U+0E31, U+0E34–U+0E3A, U+0E47–U+0E4E). */
const ZERO_WIDTH = /[\u0E31\u0E34-\u0E3A\u0E47-\u0E4E]/u;
/** Points added on each side of a located value: the spread of advances is an estimate. */
const PAD = 2;

/** The box of raw[a, b) on a PDF line: each drawn piece located in the raw text, characters spread evenly over it. */
function subBox(sp: Span, a: number, b: number): Provenance['bbox'] {
  if (!sp.pieces?.length) return sp.prov.bbox ?? null;
  let cursor = 0;
  let box: [number, number, number, number] | null = null;
  for (const p of sp.pieces) {
    const at = sp.raw.indexOf(p.text.trim(), cursor);
    if (at < 0 || !p.text.trim()) continue;
    const len = p.text.trim().length;
    cursor = at + len;
    const lo = Math.max(a, at);
    const hi = Math.min(b, at + len);
    if (lo >= hi) continue;
    // Advance is spread over the spacing characters only: Thai marks above and below take no width.
    const t = p.text.trim();
    const weight = (from: number, to: number) => [...t.slice(from, to)].filter((ch) => !ZERO_WIDTH.test(ch)).length;
    const w = (p.bbox[2] - p.bbox[0]) / Math.max(1, weight(0, len));
    const x0 = p.bbox[0] + w * weight(0, lo - at) - PAD;
    const x1 = p.bbox[0] + w * weight(0, hi - at) + PAD;
    box = box ? [Math.min(box[0], x0), Math.min(box[1], p.bbox[1]), Math.max(box[2], x1), Math.max(box[3], p.bbox[3])] : [x0, p.bbox[1], x1, p.bbox[3]];
  }
  return box ? (box.map((v) => Math.round(v * 100) / 100) as Provenance['bbox']) : (sp.prov.bbox ?? null);
}

/** Where `value` (as normalised text) stands in the span's raw text, nearest the proportional position. */
function rawRange(sp: Span, local: number, value: string): [number, number] | null {
  const guess = sp.text.length ? (local / sp.text.length) * sp.raw.length : 0;
  let best: [number, number] | null = null;
  for (const form of new Set([value, arabicDigitsToThai(value)])) {
    for (let i = sp.raw.indexOf(form); i >= 0; i = sp.raw.indexOf(form, i + 1)) {
      if (!best || Math.abs(i - guess) < Math.abs(best[0] - guess)) best = [i, i + form.length];
    }
  }
  return best;
}

/**
 * Joins spans with "\n", or with nothing where a line wrap cut a word in two (the word list decides, as for
 * display text), so that "เพิ่ม|ขึ้น" split over two lines still reads as เพิ่มขึ้น.
 */
export function textView(spans: Span[], seg?: WordSegmenter): TextView {
  const starts: number[] = [];
  let text = '';
  for (const s of spans) {
    // A PDF line the extractor knows is not a wrap (wrapped === false) starts a new line; elsewhere the word list
    // tells a space a wrap put inside a word from a real break.
    if (text) text += s.wrapped === false ? '\n' : lineJoin(text, s, seg && isSpaceInsideWord(text, s.text, seg) ? '' : '\n');
    starts.push(text.length);
    text += s.text;
  }
  return {
    text,
    spans,
    provAt(offset, length) {
      let i = 0;
      while (i + 1 < starts.length && starts[i + 1] <= offset) i++;
      const s = spans[i];
      if (!s) return { page: null };
      const prov: Provenance = { ...s.prov, text: s.raw };
      if (length && s.pieces) {
        const local = offset - starts[i];
        const range = rawRange(s, local, s.text.slice(local, local + length));
        if (range) prov.bbox = subBox(s, range[0], range[1]);
      }
      return prov;
    },
  };
}

/** Text with all whitespace removed, and for each kept character its offset in the original. */
export function squeeze(text: string): { text: string; index: number[] } {
  let out = '';
  const index: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (/\s/.test(text[i])) continue;
    out += text[i];
    index.push(i);
  }
  return { text: out, index };
}
