/** Indicator names and numbers against the official list of the assessment year (reference/ita-indicators.json). */
import type { Flag } from '../model/extraction-result.ts';
import { indicatorByNo } from '../parse/indicators.ts';
import type { ScoreRecord } from '../model/score-record.ts';
import { flag, targetOf, whereLabel } from './flag.ts';

export function checkIndicators(scores: ScoreRecord[], fiscalYear: number | null): Flag[] {
  const flags: Flag[] = [];
  const seen = new Set<string>();
  const once = (key: string) => !seen.has(key) && !!seen.add(key);
  for (const s of scores) {
    const ind = s.indicator;
    const year = s.year ?? fiscalYear;
    if (ind.no === null) {
      if (ind.statedName || ind.statedNo !== null) {
        const what = ind.statedName ? `«${ind.statedName}»` : `ตัวชี้วัดที่ ${ind.statedNo}`;
        flags.push(flag('INDICATOR_UNKNOWN', targetOf(s, ind.statedName ? 'statedName' : 'statedNo'),
          `${whereLabel(s)} อ้างถึงตัวชี้วัด ${what} ซึ่งไม่ตรงกับตัวชี้วัดใดในรายการทางการของปี ${year ?? 'ที่ประเมิน'}`,
          { evidence: [s.provenance] }));
      }
      continue;
    }
    if (ind.statedNo !== null && ind.statedNo !== ind.no) {
      const other = indicatorByNo(ind.statedNo, year);
      flags.push(flag('INDICATOR_NUMBER_MISMATCH', targetOf(s, 'statedNo'),
        `${whereLabel(s)} เรียก «${ind.statedName}» ว่าตัวชี้วัดที่ ${ind.statedNo} แต่ตามรายการทางการเป็นตัวชี้วัดที่ ${ind.no}` +
          (other ? ` (ตัวชี้วัดที่ ${other.no} คือ ${other.name})` : ''),
        { expected: ind.no, evidence: [s.provenance] }));
    }
    if ((ind.match === 'variant' || ind.match === 'fuzzy') && once(`${s.origin}:${s.measureNo}:${ind.no}`)) {
      flags.push(flag('INDICATOR_NAME_VARIANT', targetOf(s, 'statedName'),
        `${whereLabel(s)} เขียนชื่อตัวชี้วัดว่า «${ind.statedName}» ซึ่งถือเป็นตัวชี้วัดที่ ${ind.no} «${ind.name}» ตามชื่อทางการ`,
        { expected: ind.name, evidence: [s.provenance] }));
    }
  }
  return flags;
}
