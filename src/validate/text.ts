/**
 * Text checks: words repeated back to back ("ระบุระบุ", "สะดวก สะดวก", a typing or extraction artefact), and a
 * damaged text layer reported by normalisation (EXTRACTION_LOW_CONFIDENCE, with the pages when known).
 */
import type { Flag, Measure } from '../model/extraction-result.ts';
import type { Message } from '../model/result.ts';
import type { WordSegmenter } from '../normalize/segment-words.ts';
import { flag } from './flag.ts';

/** Thai words that are written doubled on purpose. */
const LEGIT_DOUBLES = new Set(['นานา', 'จะจะ', 'ต่างต่าง']);

/**
 * A word written twice back to back is a run of Thai letters followed by itself (with at most one space between):
 * text with no such run cannot hold one, whatever the segmentation, and is not segmented at all (segmentation was
 * 11% of the pipeline's time here, and most measure texts have no repeated run). Text with one is segmented as
 * before, so the result is the same. The run is bounded at 40 letters (the longest dictionary word is shorter):
 * unbounded, the search is quadratic — 105 s on 200,000 letters with no repeat, against 43 ms bounded.
 */
const REPEATED_RUN = /([\u0E01-\u0E4E]{2,40}) ?\1/u;

export function findDuplicatedWords(text: string, seg: WordSegmenter): string[] {
  if (!REPEATED_RUN.test(text)) return [];
  return doubledWords(seg.cut(text), seg);
}

/** The doubled dictionary words of a segmented text ("ระบุ|ระบุ", "สะดวก| |สะดวก"), the legitimate ones left out. */
export function doubledWords(tokens: string[], seg: WordSegmenter): string[] {
  const found: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const w = tokens[i];
    if (!/^[\u0E01-\u0E4E]{2,}$/u.test(w) || !seg.has(w)) continue;
    let j = i + 1;
    let gap = '';
    if (tokens[j] === ' ') {
      gap = ' ';
      j++;
    }
    if (tokens[j] === w && !LEGIT_DOUBLES.has(w + w)) {
      found.push(w + gap + w);
      i = j;
    }
  }
  return found;
}

export function checkDuplicatedText(measures: Measure[], seg: WordSegmenter): Flag[] {
  const flags: Flag[] = [];
  for (const m of measures) {
    for (const field of ['title', 'summary', 'outcome'] as const) {
      const dups = findDuplicatedWords(m[field], seg);
      if (!dups.length) continue;
      const fieldTh = { title: 'ชื่อมาตรการ', summary: 'สรุปผลการดำเนินการ', outcome: 'ผลลัพธ์' }[field];
      flags.push(flag('DUPLICATED_TEXT', { measureNo: m.no, field },
        `พบคำซ้ำติดกัน ${dups.map((d) => `«${d}»`).join(', ')} ใน${fieldTh}ของมาตรการ${m.no !== null ? `ที่ ${m.no}` : ''}`,
        { evidence: [m.provenance] }));
    }
  }
  return flags;
}

/** Damage on pages read by OCR (`ocrPages`) is told by the OCR text flag instead (validate/ocr.ts). */
export function checkTextLayer(messages: Message[], ocrPages: number[] = []): Flag[] {
  const damaged = messages.filter((m) => (m.code === 'TEXT_DAMAGED' || m.code === 'PAGE_WITHOUT_TEXT') && !ocrPages.includes(m.where?.page ?? -1));
  if (!damaged.length) return [];
  const pages = [...new Set(damaged.map((m) => m.where?.page).filter((p): p is number => typeof p === 'number'))].sort((a, b) => a - b);
  const examples = damaged.slice(0, 3).map((m) => m.text).join('; ');
  return [flag('EXTRACTION_LOW_CONFIDENCE', { field: 'text' },
    `ข้อความในเอกสารเสียหาย ${damaged.length} แห่ง${pages.length ? ` ในหน้า ${pages.join(', ')}` : ''} (เช่น ${examples}): ควรตรวจค่ากับต้นฉบับ`,
    { evidence: damaged.slice(0, 10).map((m) => m.where) })].map((f) => (pages.length ? { ...f, pages } : f));
}
