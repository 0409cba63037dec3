/**
 * A score as the parser reads it: the contract's Score plus what the checks need — the numbers as written (they set
 * the rounding tolerance), how the indicator name matched, and, when the roles of the numbers could not be
 * decided, what was read and why (SCORE_AMBIGUOUS).
 */
import type { Score } from './extraction-result.ts';

/** How a stated indicator name matched the official list. */
export type MatchKind = 'official' | 'variant' | 'fuzzy';

export interface Ambiguity {
  /** The fields left undecided (null in the record). */
  fields: Array<'score' | 'baselineScore' | 'year' | 'baselineYear' | 'reportedChange'>;
  /** Thai explanation for the reviewer. */
  why: string;
  /** The score-like numbers read, as written, with their offsets in the parsed text. */
  candidates: Array<{ text: string; value: number; at: number; year: number | null }>;
}

export interface ScoreRecord extends Score {
  indicator: Score['indicator'] & { match: MatchKind | null };
  /** The numbers as the document writes them (digits normalised), which set the rounding tolerance. */
  stated: {
    score: string | null;
    baselineScore: string | null;
    reportedChange: string | null;
    /** The direction word used (เพิ่มขึ้น → up, ลดลง → down), even when no change number follows. */
    direction: 'up' | 'down' | null;
    /** 'percent' when the change is written as ร้อยละ/% (it may be relative to the baseline). */
    changeUnit: 'points' | 'percent' | null;
  };
  /** Set when the roles of the numbers read could not be decided (SCORE_AMBIGUOUS): what was read and why. */
  ambiguity?: Ambiguity;
}
