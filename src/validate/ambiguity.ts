/**
 * SCORE_AMBIGUOUS: the parser read score-like numbers whose roles it could not decide. The record keeps what it
 * could decide, the rest is null, and the flag carries the numbers as written so the reviewer decides.
 */
import type { Flag } from '../model/extraction-result.ts';
import type { ScoreRecord } from '../model/score-record.ts';
import { flag, targetOf, whereLabel } from './flag.ts';

export function checkAmbiguousScores(scores: ScoreRecord[]): Flag[] {
  return scores
    .filter((s) => s.ambiguity)
    .map((s) => {
      const a = s.ambiguity!;
      const read = a.candidates.map((c) => (c.year !== null ? `${c.text} (ปี ${c.year})` : c.text)).join(', ');
      return flag('SCORE_AMBIGUOUS', targetOf(s, a.fields[0]),
        `${whereLabel(s)}: อ่านตัวเลข ${read} ได้แต่ตัดสินไม่ได้ว่าตัวใดเป็นคะแนน: ${a.why}`,
        { expected: a.candidates.map((c) => c.value), evidence: [s.provenance] });
    });
}
