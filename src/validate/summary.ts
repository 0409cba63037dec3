/** A summary line must agree with the measure table about the same official indicator. */
import type { Flag } from '../model/extraction-result.ts';
import { roundingTolerance, statedMagnitude as num } from '../parse/numbers.ts';
import type { ScoreRecord } from '../model/score-record.ts';
import { flag, fmt, indicatorLabel, targetOf, whereLabel } from './flag.ts';
const change = (s: ScoreRecord) =>
  s.reportedChange === null ? '' : ` (${s.reportedChange < 0 ? 'ลดลง' : 'เพิ่มขึ้น'} ${Math.abs(s.reportedChange)})`;

export function checkSummaryAgainstMeasures(scores: ScoreRecord[]): Flag[] {
  const flags: Flag[] = [];
  const fromMeasures = scores.filter((s) => s.origin === 'measure' && s.indicator.no !== null && s.score !== null);
  for (const sum of scores.filter((s) => s.origin === 'summary' && s.indicator.no !== null && s.score !== null)) {
    const m = fromMeasures.find((x) => x.indicator.no === sum.indicator.no);
    if (!m) continue;
    const scoreTol = roundingTolerance(num(sum.stated.score), num(m.stated.score));
    const scoreDiffers = Math.abs(sum.score! - m.score!) > scoreTol;
    const changeDiffers =
      sum.reportedChange !== null && m.reportedChange !== null &&
      Math.abs(sum.reportedChange - m.reportedChange) > roundingTolerance(num(sum.stated.reportedChange), num(m.stated.reportedChange));
    if (!scoreDiffers && !changeDiffers) continue;
    const field = scoreDiffers ? 'score' : 'reportedChange';
    flags.push(flag('SUMMARY_MISMATCH', { ...targetOf(sum, field), measureNo: null },
      `${whereLabel(sum)} (${indicatorLabel(sum)}) ได้ ${fmt(sum.score, sum.stated.score)} คะแนน${change(sum)} ` +
        `แต่${whereLabel(m)} ระบุ ${fmt(m.score, m.stated.score)} คะแนน${change(m)}`,
      { expected: scoreDiffers ? m.score : m.reportedChange, evidence: [sum.provenance, m.provenance] }));
  }
  return flags;
}
