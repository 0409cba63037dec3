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

export function findDuplicatedWords(text: string, seg: WordSegmenter): string[] {
  const tokens = seg.cut(text);
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

export function checkTextLayer(messages: Message[]): Flag[] {
  const damaged = messages.filter((m) => m.code === 'TEXT_DAMAGED' || m.code === 'PAGE_WITHOUT_TEXT');
  if (!damaged.length) return [];
  const pages = [...new Set(damaged.map((m) => m.where?.page).filter((p): p is number => typeof p === 'number'))].sort((a, b) => a - b);
  const examples = damaged.slice(0, 3).map((m) => m.text).join('; ');
  return [flag('EXTRACTION_LOW_CONFIDENCE', { field: 'text' },
    `ข้อความในเอกสารเสียหาย ${damaged.length} แห่ง${pages.length ? ` ในหน้า ${pages.join(', ')}` : ''} (เช่น ${examples}): ควรตรวจค่ากับต้นฉบับ`,
    { evidence: damaged.slice(0, 10).map((m) => m.where) })].map((f) => (pages.length ? { ...f, pages } : f));
}
