/**
 * Scores from the outcome sentences of a measure, in their varied phrasings:
 *   "ปรากฏว่าในปีงบประมาณ พ.ศ. 2568 … ได้ 99.56 คะแนน ซึ่งในปีงบประมาณ พ.ศ.2566 ได้ 78.01 คะแนน โดยเพิ่มขึ้น 19.6 คะแนน"
 *   "คะแนนเพิ่มขึ้นจาก 78.01 เป็น 99.56 คะแนน", "มีคะแนนอยู่ที่ 97.68 คะแนน ลดลง 2.5 คะแนน", "ร้อยละ 94.17", "94.17%".
 * The text is read as a sequence of mentions (years, scores, a change) and roles come from the words before
 * each score (ซึ่งในปี, เทียบกับ, จาก… mark the baseline), not from which number is larger: a report that
 * compares the wrong way round must stay visible to the checks.
 */
import { findIndicatorNames, matchStatedName, type IndicatorMatch } from './indicators.ts';
import { statedNumber, type StatedNumber } from './numbers.ts';
import { findYears, type YearMention } from './years.ts';

export interface ParsedScore {
  year: number | null;
  score: StatedNumber | null;
  baselineYear: number | null;
  baselineScore: StatedNumber | null;
  /** Signed: ลดลง 2.5 → -2.5. */
  change: StatedNumber | null;
  /** The direction word used, when any. */
  direction: 'up' | 'down' | null;
  statedNo: number | null;
  indicator: IndicatorMatch | null;
  /** A name the document gives after an indicator anchor that matches no official name or variant. */
  unknownName: string | null;
  /** Offset of the score in the parsed text (for provenance). */
  at: number;
  /** Offsets of the baseline score and of the change, when stated. */
  baselineAt: number | null;
  changeAt: number | null;
}

const NUM = '(\\d{1,3}(?:\\.\\d{1,3})?)(?![\\d.]*\\d)';
// Whitespace may stand inside these words where a line wrap cut them and the word list did not join them.
const UP = 'เพิ่ม\\s*ขึ้น|สูง\\s*ขึ้น|ดี\\s*ขึ้น|มาก\\s*ขึ้น';
const DOWN = 'ลด\\s*ลง|ต่ำ\\s*ลง|น้อย\\s*ลง';
const CHANGE_RE = new RegExp(
  `(?<dir>${UP}|${DOWN})\\s*(?:จากเดิม|จากปีที่ผ่านมา|จากปีก่อน)?\\s*(?:อีก|เป็นจำนวน|จำนวน|ร้อยละ)?\\s*${NUM}(?!\\s*เป็น)`,
  'gu',
);
const SCORE_AFTER = /^\s*(?:คะแนน|%|เปอร์เซ็นต์)/u;
const SCORE_BEFORE = /(?:ได้(?:รับ)?(?:ผล)?(?:คะแนน)?(?:เฉลี่ย)?(?:รวม)?|คะแนน(?:เฉลี่ย)?(?:รวม)?(?:อยู่ที่|เท่ากับ|ที่ได้|คือ)?|ร้อยละ|อยู่ที่|เท่ากับ|เป็น|จาก(?:เดิม)?(?:คะแนน)?)\s*$/u;
const NOT_SCORE_BEFORE = /(?:เต็ม|(?<!อยู่)ที่|ข้อ|ลำดับ|จำนวน|รายการ|หมู่|ครั้ง|ตัวชี้วัด)\s*$/u;
const BASELINE_MARKER = /(?:ซึ่ง\s*(?:ใน\s*)?ปี|เทียบกับ|จากเดิม|เดิม|จาก(?!\s*คะแนนเต็ม)|ปีที่แล้ว|ปีที่ผ่านมา|ปีก่อน)/u;
const INDICATOR_ANCHOR = /(?:ในส่วนของ|ตัวชี้วัดที่\s*\d{1,2}|ตัวชี้วัด|ในด้าน|ด้าน)\s*/gu;

interface Mention {
  value: StatedNumber;
  start: number;
  end: number;
}

function scoreMentions(text: string, years: YearMention[], changes: Mention[]): Mention[] {
  const out: Mention[] = [];
  for (const m of text.matchAll(new RegExp(NUM, 'gu'))) {
    const start = m.index;
    const end = start + m[0].length;
    if (start > 0 && /[\d.]/.test(text[start - 1])) continue;
    if (years.some((y) => start < y.end && end > y.start)) continue;
    if (changes.some((c) => c.start === start)) continue;
    const before = text.slice(Math.max(0, start - 30), start);
    const after = text.slice(end, end + 12);
    if (NOT_SCORE_BEFORE.test(before)) continue;
    if (/^\s*\)/.test(after) || /^\s*(?:ปี|เดือน|วัน|ครั้ง|คน|ราย|ข้อ|บาท|แห่ง)/u.test(after)) continue;
    if (!SCORE_AFTER.test(after) && !SCORE_BEFORE.test(before)) continue;
    out.push({ value: statedNumber(m[1]), start, end });
  }
  return out;
}

function changeMentions(text: string): Array<Mention & { down: boolean }> {
  return [...text.matchAll(CHANGE_RE)].map((m) => {
    const numText = m[2];
    const start = m.index + m[0].length - numText.length;
    const down = new RegExp(`^(?:${DOWN})`, 'u').test(m.groups?.dir ?? '');
    const v = statedNumber(numText);
    const signed = down ? { ...v, value: -v.value, text: `-${v.text}` } : v;
    return { value: signed, start, end: start + numText.length, down };
  });
}

/** The year written for a score: the last year between the previous score and this one, else just after it. */
function yearFor(m: Mention, windowStart: number, nextStart: number, years: YearMention[], text: string): number | null {
  const before = years.filter((y) => y.start >= windowStart && y.end <= m.start);
  if (before.length) return before[before.length - 1].year;
  const after = years.find((y) => y.start >= m.end && y.start < nextStart && /^\s*(?:คะแนน)?\s*(?:ใน|ของ)?\s*$/u.test(text.slice(m.end, y.start)));
  return after?.year ?? null;
}

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

function indicatorOf(text: string, year: number | null, scoreAt: number): Pick<ParsedScore, 'statedNo' | 'indicator' | 'unknownName'> {
  const statedNoMatch = /ตัวชี้วัดที่\s*(\d{1,2})/u.exec(text);
  const statedNo = statedNoMatch ? Number(statedNoMatch[1]) : null;
  const names = findIndicatorNames(text, year);
  if (names.length) return { statedNo, indicator: pickName(text, names, scoreAt), unknownName: null };
  for (const a of text.matchAll(INDICATOR_ANCHOR)) {
    const rest = text.slice(a.index + a[0].length);
    // The name may run over a line break; it ends where the sentence goes on.
    const stated = /^[^\d,(]+?(?=\s*(?:ปรากฏ|ได้|มีคะแนน|คะแนน|อยู่ที่|ผลการ|พบว่า|ซึ่ง|โดย|ประจำปี|ปีงบ|\d|$|[,(]))/u.exec(rest)?.[0].trim();
    if (!stated || stated.length < 4) continue;
    const fuzzy = matchStatedName(stated, year);
    if (fuzzy) return { statedNo, indicator: { ...fuzzy, start: a.index, end: a.index + a[0].length + stated.length }, unknownName: null };
    return { statedNo, indicator: null, unknownName: stated.replace(/\s+/g, '') };
  }
  return { statedNo, indicator: null, unknownName: null };
}

/** Parses one sentence group about one indicator. `inheritedYear` is the last year written before it. */
export function parseScoreSentence(text: string, inheritedYear: number | null = null, offset = 0): ParsedScore | null {
  const years = findYears(text);
  const changes = changeMentions(text);
  const mentions = scoreMentions(text, years, changes);
  if (mentions.length === 0) return null;
  const roles = mentions.map((m, i) => {
    const from = i === 0 ? Math.max(0, m.start - 60) : mentions[i - 1].end;
    const ctx = text.slice(from, m.start);
    const lastBaseline = ctx.search(BASELINE_MARKER);
    // "จาก 78.01 เป็น 99.56": the word เป็น after a baseline marker makes the number the current score.
    const isBaseline = lastBaseline >= 0 && !/เป็น/u.test(ctx.slice(lastBaseline));
    return isBaseline ? 'baseline' : 'current';
  });
  let cur = roles.indexOf('current');
  if (cur < 0) cur = 0;
  const window = (i: number) => (i === 0 ? 0 : mentions[i - 1].end);
  const next = (i: number) => mentions[i + 1]?.start ?? text.length;
  const current = mentions[cur];
  let year = yearFor(current, window(cur), next(cur), years, text);
  let base = roles.findIndex((r, i) => r === 'baseline' && i !== cur);
  if (base < 0 && mentions[cur + 1]) {
    // No baseline wording, but the next score is written for an earlier year: that is the comparison.
    const y2 = yearFor(mentions[cur + 1], window(cur + 1), next(cur + 1), years, text);
    if (year !== null && y2 !== null && y2 < year) base = cur + 1;
  }
  if (year === null) {
    const earlier = years.filter((y) => y.end <= current.start);
    year = earlier.length ? earlier[earlier.length - 1].year : inheritedYear;
  }
  const baseline = base >= 0 ? mentions[base] : null;
  const change = changes[0] ?? null;
  const direction = change ? (change.down ? 'down' : 'up') : null;
  return {
    year,
    score: current.value,
    baselineYear: baseline ? yearFor(baseline, window(base), next(base), years, text) : null,
    baselineScore: baseline?.value ?? null,
    change: change?.value ?? null,
    direction,
    ...indicatorOf(text, year, current.start),
    at: offset + current.start,
    baselineAt: baseline ? offset + baseline.start : null,
    changeAt: change ? offset + change.start : null,
  };
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
    if (parseScoreSentence(part) && parseScoreSentence(text.slice(n.start))) cuts.push(n.start);
  }
  const results: ParsedScore[] = [];
  let inherited: number | null = null;
  cuts.forEach((start, i) => {
    const part = text.slice(start, cuts[i + 1] ?? text.length);
    const parsed = parseScoreSentence(part, inherited, start);
    const ys = findYears(part);
    if (ys.length) inherited = ys[0].year;
    if (parsed) results.push(parsed);
  });
  return results;
}
