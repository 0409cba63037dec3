/**
 * Score arithmetic: the stated change must equal score − baseline within the rounding of its stated precision
 * ("19.6" stands for 19.55..19.65), in the stated direction; scores lie in 0–100.
 */
import type { Flag } from '../model/extraction-result.ts';
import { roundingTolerance, round2, statedMagnitude } from '../parse/numbers.ts';
import type { ScoreRecord } from '../model/score-record.ts';
import { fieldProvenance, flag, fmt, targetOf, whereLabel } from './flag.ts';

export function checkChangeArithmetic(scores: ScoreRecord[]): Flag[] {
  const flags: Flag[] = [];
  for (const s of scores) {
    if (s.score === null || s.baselineScore === null) continue;
    const actual = round2(s.score - s.baselineScore);
    const calc = `${fmt(s.score, s.stated.score)} − ${fmt(s.baselineScore, s.stated.baselineScore)} = ${actual}`;
    const dir = s.stated.direction;
    if (dir && actual !== 0 && (dir === 'up') !== actual > 0) {
      flags.push(flag('CHANGE_DIRECTION_MISMATCH', targetOf(s, 'reportedChange'),
        `${whereLabel(s)} ระบุว่าคะแนน${dir === 'up' ? 'เพิ่มขึ้น' : 'ลดลง'} แต่ ${calc} (คะแนน${actual > 0 ? 'เพิ่มขึ้น' : 'ลดลง'})`,
        { expected: actual, evidence: [fieldProvenance(s, 'reportedChange'), s.provenance] }));
    }
    if (s.reportedChange === null) continue;
    const tol = roundingTolerance(statedMagnitude(s.stated.reportedChange));
    // "เพิ่มขึ้นร้อยละ 3.25" may mean points or a relative change: either reading that adds up is accepted.
    const relative = s.baselineScore !== 0 ? round2(((s.score - s.baselineScore) / s.baselineScore) * 100) : null;
    const fitsRelative = s.stated.changeUnit === 'percent' && relative !== null && Math.abs(Math.abs(s.reportedChange) - Math.abs(relative)) <= tol;
    if (Math.abs(Math.abs(s.reportedChange) - Math.abs(actual)) > tol && !fitsRelative) {
      const word = s.reportedChange < 0 ? 'ลดลง' : 'เพิ่มขึ้น';
      flags.push(flag('CHANGE_MISMATCH', targetOf(s, 'reportedChange'),
        `${whereLabel(s)}: ${calc} แต่รายงานระบุว่า${word} ${Math.abs(s.reportedChange)} คะแนน`,
        { expected: actual, evidence: [fieldProvenance(s, 'reportedChange'), s.provenance] }));
    }
  }
  return flags;
}

export function checkScoreRange(scores: ScoreRecord[]): Flag[] {
  const flags: Flag[] = [];
  for (const s of scores) {
    for (const field of ['score', 'baselineScore'] as const) {
      const v = s[field];
      if (v !== null && (v < 0 || v > 100)) {
        flags.push(flag('SCORE_OUT_OF_RANGE', targetOf(s, field),
          `${whereLabel(s)} ระบุคะแนน ${fmt(v, s.stated[field])} ซึ่งอยู่นอกช่วง 0–100`, { evidence: [fieldProvenance(s, field)] }));
      }
    }
  }
  return flags;
}
