/**
 * Scores from outcome sentences and summary lines, in their varied phrasings:
 *   "ปรากฏว่าในปีงบประมาณ พ.ศ. 2568 … ได้ 99.56 คะแนน ซึ่งในปีงบประมาณ พ.ศ.2566 ได้ 78.01 คะแนน โดยเพิ่มขึ้น 19.6 คะแนน"
 *   "คะแนนเพิ่มขึ้นจาก 71.24 คะแนนในปี พ.ศ.2565 เป็น 98.30 คะแนน", "ปี 2566 ได้ 80.50 … ปี 2567 ได้ 90.25",
 *   "มีคะแนนอยู่ที่ 97.68 คะแนน ลดลง 2.5 คะแนน", "ได้ 95.50 คะแนน จาก 100 คะแนน", "ร้อยละ 94.17".
 *
 * Read once (mentions.ts), then decide:
 *  1. local binding: a direction word takes the number after it as the change ("เพิ่มขึ้น 19.6"), unless that
 *     number is marked as a baseline ("เพิ่มขึ้นจาก 78") or a target ("เพิ่มขึ้นเป็น 95"); a year right after a
 *     number is that number's ("71.24 คะแนนในปี 2565"); otherwise the last free year before it in its clause;
 *     "ปี 2566 และ 2567 ได้ 88 และ 92 คะแนนตามลำดับ" pairs them in order.
 *  2. roles among the remaining score-like numbers are chosen, never computed: wording (จาก/เดิม → baseline,
 *     เป็น/เหลือ → current) first, then years (the later year is the score), then weak wording (ซึ่งในปี), then the
 *     stated direction. A reading the evidence does not single out is not guessed: the numbers are kept as
 *     candidates, the undecided roles stay null, and `ambiguous` says why (SCORE_AMBIGUOUS downstream).
 * Numbers the wording marks as not a score (pass mark, full mark, rank, count…) are returned in `notScores`.
 */
import type { Ambiguity } from '../model/score-record.ts';
import { findIndicatorNames, matchStatedName, type IndicatorMatch } from './indicators.ts';
import { lex, type Lexed, type NotScoreReason, type NumberMention } from './mentions.ts';
import type { StatedNumber } from './numbers.ts';
import { findYears } from './years.ts';


export interface ParsedScore {
  year: number | null;
  score: StatedNumber | null;
  baselineYear: number | null;
  baselineScore: StatedNumber | null;
  /** Signed: ลดลง 2.5 → -2.5. */
  change: StatedNumber | null;
  /** 'percent' when the change is written as ร้อยละ/% (it may then be relative to the baseline). */
  changeUnit: 'points' | 'percent' | null;
  /** The direction word used, when any. */
  direction: 'up' | 'down' | null;
  statedNo: number | null;
  indicator: IndicatorMatch | null;
  /** A name the document gives after an indicator anchor that matches no official name or variant. */
  unknownName: string | null;
  /** Offset of the score in the parsed text (for provenance); of the first candidate when undecided. */
  at: number;
  /** Offsets of the baseline score and of the change, when stated. */
  baselineAt: number | null;
  changeAt: number | null;
  /** Where the score's year and the baseline's year are written, when they are (for the reviewer's box). */
  yearSpan?: { at: number; len: number } | null;
  baselineYearSpan?: { at: number; len: number } | null;
  ambiguous: Ambiguity | null;
  notScores: Array<{ text: string; at: number; reason: NotScoreReason }>;
}

const INDICATOR_ANCHOR = /(?:ในส่วนของ|ตัวชี[้่]วัดที่?\s*\d{1,2}|ตัวชี[้่]วัด|ในด้าน|ด้าน)\s*/gu;
/** A direction with no number counts only when it speaks of the score ("คะแนนเพิ่มขึ้น", "เพิ่มขึ้นจาก…"). */
const SCORE_DIRECTION_CONTEXT = /(?:คะแนน|ผลการประเมิน|ซึ่ง|โดย|และ)\s*(?:มี)?\s*(?:คะแนน)?\s*$/u;

/**
 * The indicator a score sentence is about. Names can also occur in passing ("เผยแพร่แผนการใช้จ่ายงบประมาณ"), so a
 * name right after an anchor (ในส่วนของ, ตัวชี้วัด…, ด้าน) wins, then the last name before the score, then the first.
 */
function pickName(text: string, names: IndicatorMatch[], scoreAt: number): IndicatorMatch {
  const anchors = [...text.matchAll(INDICATOR_ANCHOR)].map((a) => a.index + a[0].length);
  const anchored = names.filter((n) => anchors.some((end) => n.start >= end && n.start - end <= 2));
  const before = (xs: IndicatorMatch[]) => xs.filter((n) => n.start < scoreAt).pop();
  return before(anchored) ?? anchored[0] ?? before(names) ?? names[0];
}

function indicatorOf(text: string, year: number | null, scoreAt: number, names: IndicatorMatch[]): Pick<ParsedScore, 'statedNo' | 'indicator' | 'unknownName'> {
  const statedNoMatch = /ตัวชี[้่]วัดที่?\s*(\d{1,2})/u.exec(text);
  const statedNo = statedNoMatch ? Number(statedNoMatch[1]) : null;
  if (names.length) return { statedNo, indicator: pickName(text, names, scoreAt), unknownName: null };
  for (const a of text.matchAll(INDICATOR_ANCHOR)) {
    const rest = text.slice(a.index + a[0].length);
    // The name may run over a line break; it ends where the sentence goes on.
    const stated = /^[^\d,(]+?(?=\s*(?:ปรากฏ|ได้|มีคะแนน|มีผล|คะแนน|อยู่ที่|ผลการ|พบว่า|ซึ่ง|โดย|ประจำปี|ปีงบ|ปี\s*\d|เท่ากับ|\d|$|[,(:=]))/u.exec(rest)?.[0].trim();
    if (!stated || stated.length < 4) continue;
    const fuzzy = matchStatedName(stated, year);
    if (fuzzy) return { statedNo, indicator: { ...fuzzy, start: a.index, end: a.index + a[0].length + stated.length }, unknownName: null };
    return { statedNo, indicator: null, unknownName: stated.replace(/\s+/g, '') };
  }
  return { statedNo, indicator: null, unknownName: null };
}

/** After a year: the number that year is written for ("ปี 2566 ได้ 80.50", "ปี 2566 = 80.25", "ปี 2565 ทำได้ 75.02"). */
const OWN_NUMBER_AFTER = /^(?:\s*(?:[:=]|ทำ|ได้|รับ|มี|คะแนน|ผล|การประเมิน|อยู่ที่|เท่ากับ|คือ|ร้อยละ))*\s*\d/u;

interface Candidate {
  n: NumberMention;
  year: number | null;
}

/** Binds each candidate's year: a year right after it, else the last free year in its clause, else one before. */
function bindYears(lx: Lexed, cands: NumberMention[], changes: NumberMention[]): Candidate[] {
  const { text, years } = lx;
  const taken = new Set<number>();
  const yearOf = new Map<NumberMention, number>();
  // "X คะแนนในปี B", "X คะแนน (ปี B)": B belongs to X.
  for (const n of cands) {
    // Only with a word that ties them ("คะแนนในปี", "คะแนนของปี", "(ปี"): a bare "X คะแนน ปี B" may as well open
    // the next clause, and is left to the later passes.
    const y = years.find((y) => y.start >= n.end && /^\s*(?:คะแนน|%)?\s*(?:\(\s*(?:ใน|ของ|เมื่อ)?|ใน|ของ|เมื่อ)\s*(?:ปี\s*(?:งบประมาณ)?)?\s*$/u.test(text.slice(n.end, y.start)) &&
      // "… 88.84 คะแนน (ปี 66 ได้ 91.44": a year followed by its own number belongs to that number.
      !OWN_NUMBER_AFTER.test(text.slice(y.end)));
    if (y && !taken.has(y.start)) {
      yearOf.set(n, y.year);
      taken.add(y.start);
    }
  }
  // "ปี 2566 และ 2567 ได้ 88.00 และ 92.00 คะแนนตามลำดับ"
  const last = cands[cands.length - 1];
  if (last && /^\s*(?:คะแนน)?\s*ตามลำดับ/u.test(text.slice(last.end))) {
    const listed = [...text.slice(0, cands[0].start).matchAll(/(?<![\d.])(25\d\d)(?![\d.])/gu)].map((m) => Number(m[1]));
    if (listed.length >= cands.length) {
      const ys = listed.slice(-cands.length);
      cands.forEach((n, i) => yearOf.set(n, ys[i]));
      return cands.map((n) => ({ n, year: yearOf.get(n) ?? null }));
    }
  }
  const stops = [...cands, ...changes].map((n) => n.end).sort((a, b) => a - b);
  for (const n of cands) {
    if (yearOf.has(n)) continue;
    const clauseStart = Math.max(0, ...stops.filter((e) => e <= n.start));
    const inClause = years.filter((y) => y.start >= clauseStart && y.end <= n.start && !taken.has(y.start));
    const pick = inClause[inClause.length - 1];
    if (pick) {
      yearOf.set(n, pick.year);
      taken.add(pick.start);
    }
  }
  // "ทำคะแนนได้ 96.32 คะแนน จากการประเมินปี 2567": a year later in the clause, that no nearer number claims and
  // that is not followed by a number of its own, is this number's.
  for (const n of cands) {
    if (yearOf.has(n)) continue;
    const nextCand = cands.find((c) => c.start > n.end);
    const y = years.find((y) => y.start >= n.end && (!nextCand || y.end <= nextCand.start) && !taken.has(y.start) &&
      !OWN_NUMBER_AFTER.test(text.slice(y.end)) && !/[,;]|ซึ่ง|ส่วน|และ|เทียบ/u.test(text.slice(n.end, y.start)));
    if (y) {
      yearOf.set(n, y.year);
      taken.add(y.start);
    }
  }
  // A candidate whose clause names no year takes the last year before it that no other number claimed.
  for (const n of cands) {
    if (yearOf.has(n)) continue;
    const free = years.filter((y) => y.end <= n.start && !taken.has(y.start) && !y.baselineHint);
    if (free.length) yearOf.set(n, free[free.length - 1].year);
  }
  return cands.map((n) => ({ n, year: yearOf.get(n) ?? null }));
}

/** The change: the first number after a direction word, unless wording marks it as a baseline or a target. */
function bindChange(lx: Lexed): { change: NumberMention | null; dir: 'up' | 'down' | null } {
  for (const d of lx.directions) {
    // The first number after the direction word is the change, unless wording marks it as the earlier score
    // ("เพิ่มขึ้นจาก 78", "ลดลงจากปี 2565 ที่อยู่ที่ร้อยละ 75", "สูงกว่าปีที่ผ่านมา (90.1 คะแนน)"): then the change, if
    // stated, is the number after that one ("… อยู่ 4.4 คะแนน"), and a number marked as the new score ends the search.
    let from = d.end;
    // Set when the direction is tied to a score it describes ("เพิ่มขึ้นเป็น 95", "ลดลงจาก 90"), change or not.
    let aboutScore = false;
    for (let hop = 0; hop < 2; hop++) {
      const next = lx.numbers.find((n) => n.start >= from && !n.reason);
      if (!next || lx.text.slice(from, next.start).length > 45 || lx.directions.some((o) => o !== d && o.start > d.end && o.start < next.start)) break;
      const between = lx.text.slice(d.end, next.start);
      if (next.hint?.role === 'current' && next.hint.strength === 'strong') {
        aboutScore = true;
        break;
      }
      const inParens = next.parenthetical && lx.text.lastIndexOf('(', next.start) > d.end;
      const markedBaseline = next.hint?.role === 'baseline' && next.hint.strength === 'strong' && !/^\s*(?:จาก)?\s*(?:ปี\s*ที่\s*ผ่าน\s*มา|ปี\s*ก่อน|ปี\s*ที่\s*แล้ว)\s*(?:ร้อยละ)?\s*$/u.test(between);
      if (inParens || markedBaseline) {
        aboutScore = true;
        from = next.end;
        continue;
      }
      return { change: next, dir: d.dir };
    }
    if (aboutScore) return { change: null, dir: d.dir };
  }
  const spoken = lx.directions.find((d) => SCORE_DIRECTION_CONTEXT.test(lx.text.slice(Math.max(0, d.start - 20), d.start)) || /^\s*จาก/u.test(lx.text.slice(d.end)));
  return { change: null, dir: spoken?.dir ?? null };
}

type Reading = { cur: Candidate; base: Candidate | null };

/** Chooses among the readings of two candidates; null when the evidence does not single one out. */
function decidePair(a: Candidate, b: Candidate, dir: 'up' | 'down' | null): { reading: Reading | null; why: string } {
  const readings: Reading[] = [{ cur: a, base: b }, { cur: b, base: a }];
  const fits = (r: Reading, strength: 'strong' | 'weak') =>
    !(r.cur.n.hint?.strength === strength && r.cur.n.hint.role === 'baseline') &&
    !(r.base!.n.hint?.strength === strength && r.base!.n.hint.role === 'current');
  const strong = readings.filter((r) => fits(r, 'strong'));
  const byYear = a.year !== null && b.year !== null && a.year !== b.year ? readings.filter((r) => r.cur.year! > r.base!.year!) : readings;
  if (strong.length === 1) {
    if (byYear.length === 1 && byYear[0] !== strong[0]) {
      return { reading: null, why: `ถ้อยคำ «${(strong[0].base!.n.hint ?? strong[0].cur.n.hint)?.word}» บอกว่าคะแนนปีฐานคือ ${strong[0].base!.n.value.text} แต่ปีที่ระบุ (${a.year}, ${b.year}) บอกกลับกัน` };
    }
    return { reading: strong[0], why: '' };
  }
  if (byYear.length === 1) return { reading: byYear[0], why: '' };
  const weak = readings.filter((r) => fits(r, 'weak'));
  if (weak.length === 1) return { reading: weak[0], why: '' };
  if (dir && a.n.value.value !== b.n.value.value) {
    const byDir = readings.filter((r) => (dir === 'up') === r.cur.n.value.value > r.base!.n.value.value);
    if (byDir.length === 1) return { reading: byDir[0], why: '' };
  }
  return { reading: null, why: `มีตัวเลขคะแนน ${a.n.value.text} และ ${b.n.value.text} แต่ไม่มีปีหรือถ้อยคำที่บอกว่าตัวใดเป็นคะแนนปีนี้และตัวใดเป็นคะแนนปีฐาน` };
}

/** Parses one sentence group about one indicator. `inheritedYear` is the last year written before it. */
export function parseScoreSentence(text: string, inheritedYear: number | null = null, offset = 0, fiscalYear: number | null = null): ParsedScore | null {
  const names = findIndicatorNames(text, fiscalYear);
  const lx = lex(text, names.map((n) => n.end));
  let { change, dir } = bindChange(lx);
  // No direction word, but a signed number ("ITA 2566 = 80.25 (+5.23)"): that is the change, its sign the direction.
  if (!change) {
    const signed = lx.numbers.find((n) => n.sign && !n.reason);
    if (signed) {
      change = signed;
      dir = signed.sign === '-' ? 'down' : 'up';
    }
  }
  const notScores = lx.numbers.filter((n) => n.reason && n.cue).map((n) => ({ text: n.value.text, at: offset + n.start, reason: n.reason! }));
  const cands = lx.numbers.filter((n) => n !== change && !n.reason && n.cue);
  if (cands.length === 0) return null;
  const bound = bindYears(lx, cands, change ? [change] : []);
  let reading: Reading | null = null;
  let why = '';
  let older: Candidate[] = [];
  if (bound.length === 1) {
    const only = bound[0];
    if (only.n.hint?.role === 'baseline' && only.n.hint.strength === 'strong') {
      why = `ตัวเลข ${only.n.value.text} เขียนเป็นคะแนนเดิม («${only.n.hint.word}») แต่ไม่พบคะแนนปีนี้`;
    } else reading = { cur: only, base: null };
  } else if (bound.length === 2) {
    ({ reading, why } = decidePair(bound[0], bound[1], dir));
  } else if (bound.every((c) => c.year !== null) && new Set(bound.map((c) => c.year)).size === bound.length) {
    // Several years listed, each with its score: the latest is the score, the one before it the baseline.
    const sorted = [...bound].sort((x, y) => y.year! - x.year!);
    reading = { cur: sorted[0], base: sorted[1] };
    older = sorted.slice(2);
  } else {
    why = `มีตัวเลขคะแนน ${bound.length} ตัว (${bound.map((c) => c.n.value.text).join(', ')}) ที่ไม่ได้ระบุปีครบทุกตัว`;
  }

  const changeValue = change ? signed(change.value, dir) : null;
  const changeUnit = change ? (change.unit === 'percent' ? 'percent' : 'points') : null;
  const first = bound[0].n;
  const statedBaselineYear = lx.years.find((y) => y.baselineHint)?.year ?? null;
  if (!reading) {
    const yearGuess = bound.every((c) => c.year === bound[0].year) ? bound[0].year : null;
    return {
      year: yearGuess ?? (bound.some((c) => c.year !== null) ? null : inheritedYear),
      score: null,
      baselineYear: null,
      baselineScore: null,
      change: changeValue,
      changeUnit,
      direction: dir,
      ...indicatorOf(text, fiscalYear, first.start, names),
      at: offset + first.start,
      baselineAt: null,
      changeAt: change ? offset + change.start : null,
      ambiguous: {
        fields: bound.length === 1 ? ['score'] : ['score', 'baselineScore'],
        why,
        candidates: bound.map((c) => ({ text: c.n.value.text, value: c.n.value.value, at: offset + c.n.start, year: c.year })),
      },
      notScores,
    };
  }
  const { cur, base } = reading;
  let year = cur.year;
  if (year === null) {
    const earlier = lx.years.filter((y) => y.end <= cur.n.start && !y.baselineHint);
    year = earlier.length ? earlier[earlier.length - 1].year : inheritedYear;
  }
  /** The mention of `value` nearest to position `to`: where the year the record carries is written. */
  const spanOf = (value: number | null, to: number) => {
    const y = value === null ? undefined : lx.years.filter((m) => m.year === value).sort((a, b) => Math.abs(a.start - to) - Math.abs(b.start - to))[0];
    if (!y) return null;
    // The digits only: "ปีงบประมาณ พ.ศ. ๒๕๖๘" may wrap over two lines; the box goes on ๒๕๖๘.
    const digits = [...lx.text.slice(y.start, y.end).matchAll(/[0-9๐-๙]{2,4}/gu)].pop();
    return digits ? { at: offset + y.start + digits.index, len: digits[0].length } : { at: offset + y.start, len: y.end - y.start };
  };
  const baselineYear = base ? base.year : statedBaselineYear;
  return {
    year,
    score: cur.n.value,
    baselineYear,
    baselineScore: base?.n.value ?? null,
    change: changeValue,
    changeUnit,
    direction: dir,
    ...indicatorOf(text, year ?? fiscalYear, cur.n.start, names),
    at: offset + cur.n.start,
    baselineAt: base ? offset + base.n.start : null,
    changeAt: change ? offset + change.start : null,
    yearSpan: spanOf(year, cur.n.start),
    baselineYearSpan: spanOf(baselineYear, base ? base.n.start : cur.n.start),
    ambiguous: null,
    notScores: [...notScores, ...older.map((c) => ({ text: c.n.value.text, at: offset + c.n.start, reason: 'older-year' as const }))],
  };
}

function signed(v: StatedNumber, dir: 'up' | 'down' | null): StatedNumber {
  return dir === 'down' ? { ...v, value: -v.value, text: `-${v.text}` } : v;
}

/**
 * An outcome may report several indicators ("… การใช้งบประมาณ ได้ 95 คะแนน … การใช้อำนาจ ได้ 97 คะแนน"): split it
 * where an indicator name begins a part that has its own score, and parse each part.
 */
export function parseOutcomeScores(text: string, fiscalYear: number | null): ParsedScore[] {
  const names = findIndicatorNames(text, fiscalYear);
  const cuts = [0];
  for (const n of names.slice(1)) {
    const prevCut = cuts[cuts.length - 1];
    const part = text.slice(prevCut, n.start);
    if (parseScoreSentence(part, null, 0, fiscalYear) && parseScoreSentence(text.slice(n.start), null, 0, fiscalYear)) cuts.push(n.start);
  }
  const results: ParsedScore[] = [];
  let inherited: number | null = null;
  cuts.forEach((start, i) => {
    const part = text.slice(start, cuts[i + 1] ?? text.length);
    const parsed = parseScoreSentence(part, inherited, start, fiscalYear);
    const ys = findYears(part);
    if (ys.length) inherited = ys[0].year;
    if (parsed) results.push(parsed);
  });
  return results;
}
