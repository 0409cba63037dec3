/**
 * The summary block after the measures table: one line per indicator, in several styles:
 *   "คะแนนรายตัวชี้วัดที่ 2 การใช้งบประมาณ มีคะแนนอยู่ที่ 97.68 คะแนน เพิ่มขึ้น 19.67 คะแนน"
 *   "คะแนนตัวชี้วัดการใช้งบประมาณ มีคะแนนอยู่ที่ 86.93 คะแนน" (no number), "ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่ 94.59",
 *   "- การใช้อำนาจ ได้ 97.45 คะแนน".
 * The number after ตัวชี้วัดที่ is the document's own numbering (statedNo), checked later against the official list.
 * One sentence parser (score-sentences.ts) reads every item, as it reads outcome cells.
 */
import { findIndicatorNames, matchStatedName, type IndicatorMatch } from './indicators.ts';
import { parseScoreSentence, type ParsedScore } from './score-sentences.ts';

export interface SummaryLine extends ParsedScore {
  statedName: string | null;
}

// ตัวชี่วัด / ตัวชี้วัดที: a tone mark slipped or dropped (a typing slip, or OCR's usual misreading of ้ and ่).
const ITEM_START = /(?:คะแนน)?(?:ราย)?ตัวชี[้่]วัด(?:ที่?\s*(\d{1,2}))?\s*[:.)]?\s*/gu;
const NAME_END = /\s*(?:มีคะแนน|มีผล|ได้|คะแนน|อยู่ที่|เท่ากับ|ประจำปี|ปี\s*(?:งบ|พ\.|\d)|=|:|\d|$)/u;

/** Summary items found in a paragraph's text (several may share a paragraph when lines were joined). */
export function parseSummaryLines(text: string, year: number | null): SummaryLine[] {
  // Item starts: "ตัวชี้วัดที่ N", "คะแนนตัวชี้วัด<name>", or an official name that opens a part with its own score.
  const starts: Array<{ index: number; nameFrom: number; statedNo: number | null }> = [];
  for (const m of text.matchAll(ITEM_START)) {
    if (m[1] === undefined && !/^\s*[\u0E01-\u0E4E]/u.test(text.slice(m.index + m[0].length))) continue;
    starts.push({ index: m.index, nameFrom: m.index + m[0].length, statedNo: m[1] !== undefined ? Number(m[1]) : null });
  }
  for (const n of findIndicatorNames(text, year)) {
    if (starts.some((s) => n.start >= s.index && n.start <= s.nameFrom + 2)) continue;
    const lineStart = Math.max(text.lastIndexOf('\n', n.start), 0);
    // A name that opens its line (after a bullet or number) starts an item; one in mid-sentence does not.
    // "การปฏิบัติหน้าที่ = 90.55", "การใช้อำนาจ : 97.45", "การใช้งบประมาณ 95.20" start an item wherever they stand.
    const scoreFollows = /^\s*[:=]?\s*\d/u.test(text.slice(n.end));
    if (!scoreFollows && !/^\n?\s*(?:[-•*·]|\(?\d{1,2}[.)]|คะแนน)?\s*$/u.test(text.slice(lineStart, n.start))) continue;
    starts.push({ index: n.start, nameFrom: n.start, statedNo: null });
  }
  starts.sort((a, b) => a.index - b.index);
  const out: SummaryLine[] = [];
  starts.forEach((s, i) => {
    const to = starts[i + 1]?.index ?? text.length;
    const part = text.slice(s.index, to);
    const parsed = parseScoreSentence(part, null, s.index, year);
    if (!parsed || (!parsed.score && !parsed.ambiguous)) return;
    const afterNo = text.slice(s.nameFrom, to);
    const nameEnd = afterNo.search(NAME_END);
    const stated = (nameEnd >= 0 ? afterNo.slice(0, nameEnd) : afterNo).trim();
    let indicator: IndicatorMatch | null = findIndicatorNames(stated, year)[0] ?? null;
    if (!indicator && stated) indicator = matchStatedName(stated, year);
    if (!indicator && s.statedNo === null && !stated) return;
    out.push({
      ...parsed,
      statedNo: s.statedNo,
      indicator,
      unknownName: indicator ? null : stated.replace(/\s+/g, '') || null,
      statedName: indicator?.statedName ?? (stated.replace(/\s+/g, '') || null),
      // A summary line states no assessment year unless it writes one itself.
      year: /ปี/u.test(part) ? parsed.year : null,
    });
  });
  return out;
}
