/**
 * Text items of one page with positions, ActualText applied.
 * Coordinates: PDF points, origin top-left of the page (y grows downwards); `baseline` is the y of the baseline.
 * Clean-up from THAI-TEXT-NOTES: whitespace items narrower than 1 pt are artefacts (spaces inside words); the
 * items inside a marked-content span with `/ActualText` are replaced by that text (0.00% Thai error measured).
 */
import type { PDFPageProxy } from 'pdfjs-dist/types/src/display/api.js';
import type { MarkedContent } from './content-stream.ts';

export interface TextItem {
  str: string;
  /** [x0, y0, x1, y1], PDF points, origin top-left. */
  bbox: [number, number, number, number];
  baseline: number;
  fontSize: number;
  /** Index in drawing order (ties in position keep this order: zero-width marks must not be sorted away). */
  order: number;
  /**
   * OCR only: whether the reader put a space before this word. Thai is written without spaces between words, and
   * tesseract cuts it into "words" with small gaps between them, so the gap is no guide there; its text is.
   */
  spaceBefore?: boolean;
  /** OCR only: tesseract's confidence in the word, 0–1. */
  confidence?: number;
}

interface RawItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
}
type ContentItem = RawItem | { type: string };

export interface PageText {
  items: TextItem[];
  width: number;
  height: number;
  /** Whether ActualText could be paired with pdf.js's marked content on this page. */
  actualTextApplied: boolean;
}

export async function pageText(page: PDFPageProxy, marked: MarkedContent[] | null): Promise<PageText> {
  const [x0, y0, x1, y1] = page.view;
  const width = x1 - x0;
  const height = y1 - y0;
  const content = await page.getTextContent({ includeMarkedContent: true, disableNormalization: true });
  const raw = content.items as ContentItem[];
  const begins = raw.filter((i) => 'type' in i && (i.type === 'beginMarkedContent' || i.type === 'beginMarkedContentProps')).length;
  const useActualText = marked !== null && marked.length === begins && marked.some((m) => m.actualText !== null);

  const toItem = (r: RawItem, order: number): TextItem => {
    const [a, b, c, d, e, f] = r.transform;
    const fontSize = Math.hypot(c, d) || Math.hypot(a, b) || r.height || 10;
    const left = e - x0;
    const baseline = height - (f - y0);
    return { str: r.str, bbox: [left, baseline - fontSize * 0.9, left + r.width, baseline + fontSize * 0.3], baseline, fontSize, order };
  };

  const items: TextItem[] = [];
  const stack: Array<{ text: string | null; inside: TextItem[] }> = [];
  /** The innermost open span that has ActualText: its items are replaced by that text when it closes. */
  const innermostActual = () => [...stack].reverse().find((s) => s.text != null);
  let k = 0;
  let order = 0;
  /**
   * An ActualText span that closed with no item inside: pdf.js emits the glyph it covers after the span's end, as
   * the next item (a space when the glyph has no Unicode of its own: LibreOffice's า in some Thai fonts). That next
   * blank item carries the ActualText instead of being dropped.
   */
  let pending: string | null = null;
  for (const it of raw) {
    if ('type' in it) {
      if (it.type === 'beginMarkedContent' || it.type === 'beginMarkedContentProps') {
        stack.push({ text: useActualText ? marked![k]?.actualText ?? null : null, inside: [] });
        k++;
      } else if (it.type === 'endMarkedContent') {
        const top = stack.pop();
        if (top?.text != null && !top.inside.length) pending = top.text;
        if (top?.text != null && top.inside.length) {
          // The box is that of the drawn glyphs: a blank item in the span (Chromium puts a wide space before a
          // cluster) would pull the text's centre into the previous table column.
          const drawn = top.inside.filter((i) => /\S/.test(i.str));
          const boxes = drawn.length ? drawn : top.inside;
          const first = boxes[0];
          const merged: TextItem = {
            str: top.text,
            bbox: [
              Math.min(...boxes.map((i) => i.bbox[0])), Math.min(...boxes.map((i) => i.bbox[1])),
              Math.max(...boxes.map((i) => i.bbox[2])), Math.max(...boxes.map((i) => i.bbox[3])),
            ],
            baseline: first.baseline,
            fontSize: first.fontSize,
            order: top.inside[0].order,
          };
          const outer = innermostActual();
          (outer ? outer.inside : items).push(merged);
        } else if (top) {
          const outer = innermostActual();
          (outer ? outer.inside : items).push(...top.inside);
        }
      }
      continue;
    }
    const item = toItem(it, order++);
    if (pending !== null) {
      if (/^\s*$/.test(item.str)) item.str = pending;
      pending = null;
    }
    if (/^\s*$/.test(item.str) && item.bbox[2] - item.bbox[0] < 1) continue; // a sub-point whitespace artefact
    const target = innermostActual() ?? stack[stack.length - 1];
    (target ? target.inside : items).push(item);
  }
  while (stack.length) items.push(...stack.pop()!.inside);
  return { items: items.filter((i) => i.str.length > 0), width, height, actualTextApplied: useActualText };
}
