/**
 * Year checks. Within one report the assessment-year labels must agree, and so must the comparison gap;
 * a report for 2568 that consistently cites 2567 scores is clean (GLOSSARY: the ITA of N-1 is normal evidence).
 */
import type { Flag } from '../model/extraction-result.ts';
import type { ScoreRecord } from '../model/score-record.ts';
import { flag, targetOf, whereLabel } from './flag.ts';

function majority<T>(values: T[], prefer: (v: T) => boolean): T | null {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || Number(prefer(b[0])) - Number(prefer(a[0])));
  return ranked[0]?.[0] ?? null;
}

export function checkYearLabels(scores: ScoreRecord[], fiscalYear: number | null): Flag[] {
  const flags: Flag[] = [];
  const labelled = scores.filter((s) => s.year !== null);
  if (labelled.length >= 2) {
    const plausible = (y: number) => fiscalYear !== null && (y === fiscalYear || y === fiscalYear - 1);
    const mainYear = majority(labelled.map((s) => s.year!), plausible);
    const gaps = labelled.filter((s) => s.baselineYear !== null).map((s) => s.year! - s.baselineYear!);
    const mainGap = majority(gaps, (g) => g === 1);
    const mainPair = (s: ScoreRecord) => (s.baselineYear !== null ? ` และเทียบกับปี ${s.baselineYear}` : '');
    const typical = labelled.find((s) => s.year === mainYear && (s.baselineYear === null || s.year! - s.baselineYear === mainGap));
    for (const s of labelled) {
      const gap = s.baselineYear !== null ? s.year! - s.baselineYear : null;
      const odd = s.year !== mainYear ? 'year' : gap !== null && mainGap !== null && gap !== mainGap ? 'baselineYear' : null;
      if (!odd) continue;
      flags.push(flag('YEAR_LABEL_INCONSISTENT', targetOf(s, odd),
        `${whereLabel(s)} ระบุคะแนนของปี ${s.year}${mainPair(s)} แต่คะแนนส่วนใหญ่ในรายงานระบุปี ${mainYear}` +
          (typical?.baselineYear != null ? ` และเทียบกับปี ${typical.baselineYear}` : ''),
        { expected: odd === 'year' ? mainYear : (s.year! - mainGap!), evidence: [s.provenance, typical?.provenance] }));
    }
  }
  for (const s of scores) {
    if (fiscalYear !== null && s.year !== null && s.year > fiscalYear) {
      flags.push(flag('YEAR_AFTER_REPORT', targetOf(s, 'year'),
        `${whereLabel(s)} ระบุคะแนนของปี ${s.year} ซึ่งหลังปีงบประมาณของรายงาน (${fiscalYear})`,
        { expected: fiscalYear, evidence: [s.provenance] }));
    }
    if (s.year !== null && s.baselineYear !== null && s.baselineYear >= s.year) {
      flags.push(flag('BASELINE_NOT_EARLIER', targetOf(s, 'baselineYear'),
        `${whereLabel(s)} เทียบคะแนนปี ${s.year} กับปี ${s.baselineYear} ซึ่งไม่ใช่ปีก่อนหน้า`,
        { evidence: [s.provenance] }));
    }
  }
  return flags;
}
