/**
 * A text layer that lost characters (pdf.js drops a glyph such as า in some embedded Thai fonts: "การ" → "ก ร")
 * reads as Thai that is not words. Per page, the share of Thai letters that fall in segments the word list does
 * not know is measured: on the accuracy set's PDFs a clean page stays ≤ 1.3%, a page that lost า is ~18%. Above
 * 5% on a page with enough Thai to judge, the page is reported as damaged (EXTRACTION_LOW_CONFIDENCE downstream),
 * so a reviewer checks the values against the original instead of trusting them.
 */
import type { DocumentModel, Span } from '../model/document.ts';
import type { Message } from '../model/result.ts';
import { memoBySegmenter, type WordSegmenter } from './segment-words.ts';

export const UNKNOWN_SHARE_LIMIT = 0.05;
const MIN_THAI_LETTERS = 300;
/** Damage is uniform over a page: a sample this size decides, and bounds the cost on long pages. */
const SAMPLE_THAI_LETTERS = 1500;

function spansOf(doc: DocumentModel): Span[] {
  return doc.blocks.flatMap((b) => (b.kind === 'paragraph' ? b.spans : b.rows.flatMap((r) => r.flatMap((c) => c.spans))));
}

/**
 * A span far longer than the page's sample (one 3 MB line) is judged on its first part, cut at a space: segmenting
 * all of it cost seconds for nothing. Spans of ordinary length are taken whole, as before.
 */
const SPAN_SAMPLE_CHARS = 6000;
function sampleOf(text: string): string {
  if (text.length <= SPAN_SAMPLE_CHARS) return text;
  const cut = text.lastIndexOf(' ', SPAN_SAMPLE_CHARS);
  return text.slice(0, cut > SPAN_SAMPLE_CHARS / 2 ? cut : SPAN_SAMPLE_CHARS);
}

interface Counted {
  thai: number;
  unknown: number;
  /** Unknown segments of two letters or more, in order (examples for the message). */
  unknownWords: string[];
}

/**
 * Thai letters of one piece of text between spaces and how many fall in unknown segments. Pieces recur far more
 * than whole spans (headings, the indicator names, "ประจำปีงบประมาณ", agency and place names in every report of a
 * batch): the count depends only on the piece, so it is kept (bounded). Segmenting a span piece by piece gives the
 * same counts as segmenting it whole (a space is always a boundary: 59,565 spans of the accuracy sets and a
 * province batch compared, all equal); only an unknown word's example can differ, by the space wordcut sometimes
 * glues to its front, which the message never showed usefully — examples are given trimmed.
 */
const countedMemo = memoBySegmenter<Counted>(20_000, (text) => text.length <= 200);
function countPiece(text: string, seg: WordSegmenter): Counted {
  return countedMemo(seg, text, () => {
    const c: Counted = { thai: 0, unknown: 0, unknownWords: [] };
    for (const w of seg.cut(text)) {
      const letters = (w.match(/[\u0E01-\u0E4E]/gu) ?? []).length;
      c.thai += letters;
      if (letters && !seg.has(w)) {
        c.unknown += letters;
        if (c.unknownWords.length < 3 && letters >= 2) c.unknownWords.push(w.trim());
      }
    }
    return c;
  });
}

function counted(text: string, seg: WordSegmenter): Counted {
  const c: Counted = { thai: 0, unknown: 0, unknownWords: [] };
  for (const piece of text.split(' ')) {
    if (!piece) continue;
    const p = countPiece(piece, seg);
    c.thai += p.thai;
    c.unknown += p.unknown;
    for (const w of p.unknownWords) if (c.unknownWords.length < 3) c.unknownWords.push(w);
  }
  return c;
}

export function checkWords(doc: DocumentModel, seg: WordSegmenter): Message[] {
  const byPage = new Map<number | null, { thai: number; unknown: number; sample: string[]; first: Span }>();
  for (const s of spansOf(doc)) {
    const page = s.prov.page ?? null;
    const acc = byPage.get(page) ?? { thai: 0, unknown: 0, sample: [], first: s };
    if (acc.thai >= SAMPLE_THAI_LETTERS) continue;
    const c = counted(sampleOf(s.text), seg);
    acc.thai += c.thai;
    acc.unknown += c.unknown;
    for (const w of c.unknownWords) if (acc.sample.length < 3) acc.sample.push(w);
    byPage.set(page, acc);
  }
  const out: Message[] = [];
  for (const [page, a] of byPage) {
    if (a.thai < MIN_THAI_LETTERS || a.unknown / a.thai <= UNKNOWN_SHARE_LIMIT) continue;
    const share = Math.round((a.unknown / a.thai) * 100);
    out.push({
      code: 'TEXT_DAMAGED', severity: 'warning',
      text: `${page !== null ? `หน้า ${page}: ` : ''}ข้อความไทย ${share}% ไม่เป็นคำที่รู้จัก (เช่น ${a.sample.map((w) => `«${w}»`).join(' ')}) อาจมีอักษรหายจากชั้นข้อความ`,
      where: { ...a.first.prov, page },
    });
  }
  return out;
}
