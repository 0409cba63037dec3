/**
 * The summary block after the measures table: one line per indicator, e.g.
 *   "คะแนนรายตัวชี้วัดที่ 2 การใช้งบประมาณ มีคะแนนอยู่ที่ 97.68 คะแนน เพิ่มขึ้น 19.67 คะแนน".
 * The number after ตัวชี้วัดที่ is the document's own numbering (statedNo), checked later against the official list.
 */
import { findIndicatorNames, matchStatedName, type IndicatorMatch } from './indicators.ts';
import { parseScoreSentence, type ParsedScore } from './score-sentences.ts';

export interface SummaryLine extends ParsedScore {
  statedName: string | null;
}

const ITEM_START = /(?:คะแนน)?(?:ราย)?ตัวชี้วัดที่\s*(\d{1,2})\s*[:.)]?\s*/gu;
const NAME_END = /\s*(?:มีคะแนน|ได้|คะแนน|อยู่ที่|เท่ากับ|=|:|\d|$)/u;

/** Summary items found in a paragraph's text (several may share a paragraph when lines were joined). */
export function parseSummaryLines(text: string, year: number | null): SummaryLine[] {
  const starts = [...text.matchAll(ITEM_START)];
  const out: SummaryLine[] = [];
  starts.forEach((m, i) => {
    const from = m.index;
    const to = starts[i + 1]?.index ?? text.length;
    const part = text.slice(from, to);
    const parsed = parseScoreSentence(part, null, from);
    if (!parsed || !parsed.score) return;
    const afterNo = part.slice(m[0].length);
    const nameEnd = afterNo.search(NAME_END);
    const stated = (nameEnd >= 0 ? afterNo.slice(0, nameEnd) : afterNo).trim();
    let indicator: IndicatorMatch | null = findIndicatorNames(stated, year)[0] ?? null;
    if (!indicator && stated) indicator = matchStatedName(stated, year);
    out.push({
      ...parsed,
      statedNo: Number(m[1]),
      indicator,
      unknownName: indicator ? null : stated.replace(/\s+/g, '') || null,
      statedName: indicator?.statedName ?? (stated.replace(/\s+/g, '') || null),
      // A summary line states no assessment year unless it writes one itself.
      year: /ปี/u.test(part) ? parsed.year : null,
    });
  });
  return out;
}
