/**
 * Reads an outcome or summary text once into typed mentions: years (fiscal label, plain, date, range), numbers
 * with the cue that makes them score-like or the reason they are not a score, and direction words. Deciding which
 * number is the score, the baseline or the change happens later (score-sentences.ts); this module only says what
 * each token is, from its immediate wording. The cue vocabulary is data (CUES below), each entry with its reason.
 */
import { statedNumber, type StatedNumber } from './numbers.ts';
import { findYears, type YearMention } from './years.ts';

/** Why a number is not an ITA score. */
export type NotScoreReason =
  | 'full-mark' | 'pass-mark' | 'rank' | 'ordinal' | 'count' | 'money' | 'share' | 'scale' | 'weighted'
  | 'group-average' | 'satisfaction' | 'not-ita' | 'year-like' | 'large' | 'date'
  /** A score of a year older than the comparison year, when several years are listed. */
  | 'older-year';

export interface NumberMention {
  kind: 'number';
  value: StatedNumber;
  start: number;
  end: number;
  /** 'percent' when written with ร้อยละ or %, 'points' with คะแนน, null when neither. */
  unit: 'points' | 'percent' | null;
  /** The cue that makes it score-like (null: not score-like). */
  cue: string | null;
  /** Set when the wording says it is not a score. */
  reason: NotScoreReason | null;
  /** Role the immediate wording gives: จาก/เดิม → baseline; เป็น/เหลือ → current. */
  hint: { role: 'baseline' | 'current'; strength: 'strong' | 'weak'; word: string } | null;
  /** Inside parentheses. */
  parenthetical: boolean;
  /** Written with a sign: "(+8.25)", "-3.10" (a change). */
  sign: '+' | '-' | null;
}

export interface DirectionMention {
  kind: 'direction';
  dir: 'up' | 'down';
  start: number;
  end: number;
  word: string;
}

export interface Lexed {
  text: string;
  years: Array<YearMention & { baselineHint: boolean }>;
  numbers: NumberMention[];
  directions: DirectionMention[];
  /** The text speaks of an ITA assessment (a bare ร้อยละ counts as a score only then). */
  itaContext: boolean;
}

interface Cue {
  /** Tested on the text just before the number (ending at it) or just after it (starting at it). */
  side: 'before' | 'after';
  re: RegExp;
  reason: NotScoreReason;
  why: string;
}

/**
 * Wording that says a number is not an indicator score. Order matters only for which reason is reported.
 * Every entry is here because a real or plausible report sentence would otherwise yield a wrong score.
 */
export const CUES: readonly Cue[] = [
  { side: 'before', re: /(?:คะแนนเต็ม|เต็ม)\s*(?:ร้อยละ|คะแนน)?\s*$/u, reason: 'full-mark', why: '"คะแนนเต็ม 100", "เต็ม 100": the maximum, not a result' },
  { side: 'after', re: /^\s*(?:คะแนน)?\s*เต็ม/u, reason: 'full-mark', why: '"100 คะแนนเต็ม"' },
  { side: 'before', re: /(?:เกณฑ์(?:ผ่าน|การประเมิน|ที่กำหนด|มาตรฐาน)?|ผ่านเกณฑ์(?:ที่กำหนด)?|ค่าเป้าหมาย|เป้าหมาย|ไม่น้อยกว่า|ไม่ต่ำกว่า|ตั้งแต่|อย่างน้อย)\s*(?:ที่กำหนด|ที่|คือ|ของ)?\s*\(?\s*(?:ร้อยละ|คะแนน)?\s*$/u, reason: 'pass-mark', why: '"ผ่านเกณฑ์ 85 คะแนน", "ค่าเป้าหมายร้อยละ 85": a pass mark or target' },
  { side: 'before', re: /(?:สูงกว่า|ต่ำกว่า|มากกว่า|น้อยกว่า|เกิน|ถึง|ไม่ถึง)\s*(?:ร้อยละ|คะแนน)?\s*$/u, reason: 'pass-mark', why: '"คะแนนสูงกว่า 85 คะแนน": a threshold compared with, not a result' },
  { side: 'after', re: /^\s*(?:คะแนน|%)?\s*(?:ขึ้นไป|เป็นต้นไป)/u, reason: 'pass-mark', why: '"85 คะแนนขึ้นไป": a threshold' },
  { side: 'before', re: /(?:อันดับ|ลำดับ)(?:ที่)?\s*$/u, reason: 'rank', why: '"อันดับที่ 14": a rank' },
  { side: 'before', re: /(?:ข้อ|หมู่|ครั้ง|มาตรการ|ตัวชี[้่]วัด|กลุ่ม|ประเภท|ระดับ|ชั้น|ปี|ฉบับ|ส่วน|บท|ขั้น)ที่\s*$/u, reason: 'ordinal', why: '"ตัวชี้วัดที่ 2", "ปีที่ 3": a number that names an item' },
  { side: 'before', re: /(?:จำนวน|ทั้งหมด|ทั้งสิ้น(?=\s*\d[\d,]*\s*(?:หน่วยงาน|แห่ง|คน|ราย)))\s*$/u, reason: 'count', why: '"จำนวน 8,303 หน่วยงาน": a count' },
  { side: 'after', re: /^\s*(?:หน่วยงาน|แห่ง|ครั้ง|คน|ราย|ข้อ|เรื่อง|ช่องทาง|โครงการ|กิจกรรม|ตัวชี้วัด|วัน|เดือน|ชั่วโมง|นาที|ปี(?!\s*(?:งบ|พ\.|\d))|หมู่|ฉบับ|ประเด็น|ท่าน|ล้าน|พัน|จังหวัด|อำเภอ|ตำบล|มาตรการ|ระดับ|ความคิดเห็น|องค์กร|กระทรวง|ชุมชน|หลัง|คัน|ชิ้น|ชุด|รายการ|ด้าน|มิติ|ข้อร้องเรียน)/u, reason: 'count', why: '"26 หน่วยงาน", "3 ครั้ง": a count of things' },
  { side: 'after', re: /^\s*(?:บาท|ล้านบาท)/u, reason: 'money', why: 'an amount of money' },
  { side: 'before', re: /คิดเป็น\s*(?:ร้อยละ)?\s*$/u, reason: 'share', why: '"คิดเป็น 94.17% ของหน่วยงานทั้งหมด": a share of something' },
  { side: 'after', re: /^\s*(?:%|เปอร์เซ็นต์)?\s*ของ(?:หน่วยงาน|ทั้งหมด|จำนวน|ผู้|ประชาชน|บุคลากร|งบประมาณ)/u, reason: 'share', why: 'a share "of" something' },
  { side: 'before', re: /น้ำหนัก\s*(?:ร้อยละ)?\s*$/u, reason: 'weighted', why: 'a weight or weighted subtotal' },
  { side: 'before', re: /(?:ค่าเฉลี่ย|คะแนนเฉลี่ย)(?:ของ)?(?:ประเทศ|จังหวัด|กลุ่ม|หน่วยงาน\S*|ทั้งหมด)?\s*(?:อยู่ที่|เท่ากับ|คือ)?\s*$/u, reason: 'group-average', why: 'an average of other agencies (only when the clause speaks of a group: checked in lex())' },
  { side: 'before', re: /(?:ระดับประเทศ|ภาพรวมระดับ\S*|ทั้งประเทศ|ของประเทศ)\s*(?:อยู่ที่|เท่ากับ|คือ|มีคะแนน|ได้)?\s*$/u, reason: 'group-average', why: '"ผลการประเมินภาพรวมระดับประเทศอยู่ที่ 93.82": a national figure' },
  { side: 'before', re: /(?:พึงพอใจ|ความพึงพอใจ|ผู้เข้าร่วม|เข้าร่วม|ผู้ตอบ|ความรู้ความเข้าใจ|ความเข้าใจ|เบิกจ่าย)[^\d]{0,30}$/u, reason: 'satisfaction', why: '"ประชาชนพึงพอใจร้อยละ 89": a survey or rate, not the ITA' },
];

/** Wording that makes a number score-like. */
const SCORE_AFTER = /^\s*(?:คะแนน|%|เปอร์เซ็นต์|points?\b)/iu;
const SCORE_BEFORE = /(?:ได้(?:รับ)?(?:ผล)?(?:คะแนน)?(?:เต็ม)?(?:การประเมิน)?(?:เฉลี่ย)?(?:รวม)?(?:ทั้งสิ้น)?|ผลคะแนน(?:ที่ได้)?|คะแนน(?:ITA)?(?:เฉลี่ย)?(?:รวม)?(?:ที่ได้)?(?:อยู่ที่|เท่ากับ|คือ|ที่)?|ร้อยละ|อยู่ที่|เท่ากับ|เป็น|เหลือ|จาก(?:เดิม)?(?:คะแนน)?|เดิม|ด้วย(?:คะแนน)?|ITA|[=:])\s*$/iu;
/** A number right after an indicator name ("ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่ 94.59") is that indicator's score. */
const AFTER_NAME = /^\s*[:=]?\s*$/u;

const STRONG_BASELINE = /(?:จาก(?:เดิม)?(?:ที่)?(?:ได้)?(?:คะแนน)?|เดิม(?:ที่)?(?:ได้)?(?:คะแนน)?|(?:เมื่อ)?เทียบกับ[^\d]{0,40}?(?:ที่)?(?:ได้)?(?:คะแนน)?|ปี\s*ที่\s*ผ่าน\s*มา(?:ที่)?(?:ได้)?(?:คะแนน)?|ปี\s*ก่อน(?:หน้า)?(?:ที่)?(?:ได้)?(?:คะแนน)?|ปี\s*ที่\s*แล้ว(?:ที่)?(?:ได้)?(?:คะแนน)?)\s*(?:อยู่ที่|เท่ากับ)?\s*$/u;
/** "จากปีงบประมาณ 2565 ที่อยู่ที่ร้อยละ 75", "ต่ำกว่าปี 2566 ซึ่งได้ 80", "เทียบกับปี 2566 (…": a score of that earlier year. */
const BASELINE_AFTER_YEAR = /(?:จาก|กว่า|เทียบ\s*(?:กับ)?)\s*ปี\s*(?:งบ\s*ประมาณ)?\s*(?:พ\.\s*ศ\.?)?\s*\d{2,4}\s*(?:\(|(?:ซึ่ง|ที่)\s*(?:ทำ)?\s*(?:ได้|อยู่ที่|มี)?|(?:ทำ)?\s*(?:ได้|อยู่ที่|มีคะแนน))\s*(?:คะแนน)?\s*(?:ร้อยละ)?\s*$/u;
const STRONG_CURRENT = /(?:เป็น|เหลือ|มาอยู่ที่)\s*(?:คะแนน)?\s*$/u;
const WEAK_BASELINE = /ซึ่ง\s*(?:ใน|เมื่อ)?\s*ปี/u;
const BASELINE_AFTER = /^\s*(?:คะแนน)?\s*(?:\)?\s*)?(?:ใน|ของ|เมื่อ)?\s*(?:ปี\s*ที่\s*ผ่าน\s*มา|ปี\s*ก่อน|ปี\s*ที่\s*แล้ว)/u;

const UP = 'เพิ่ม\\s*ขึ้น|สูง\\s*ขึ้น|ดี\\s*ขึ้น|มาก\\s*ขึ้น|ปรับ\\s*ตัว\\s*ขึ้น|ปรับ\\s*ขึ้น';
const DOWN = 'ลด\\s*ลง|ต่ำ\\s*ลง|น้อย\\s*ลง|ปรับ\\s*ตัว\\s*ลง|ปรับ\\s*ลง';
/** Comparatives are a change only when compared with an earlier year ("สูงกว่าปีที่ผ่านมา 4.4 คะแนน"). */
const COMPARATIVE_UP = 'สูง\\s*กว่า|มาก\\s*กว่า|ดี\\s*กว่า';
const COMPARATIVE_DOWN = 'ต่ำ\\s*กว่า|น้อย\\s*กว่า';
const DIRECTION_RE = new RegExp(`(?<up>${UP})|(?<down>${DOWN})|(?<cup>${COMPARATIVE_UP})|(?<cdown>${COMPARATIVE_DOWN})`, 'gu');
const EARLIER_YEAR_AFTER = /^\s*(?:ปี\s*ที่\s*ผ่าน\s*มา|ปี\s*ก่อน|ปี\s*ที่\s*แล้ว|เดิม|ปี\s*(?:งบประมาณ\s*)?(?:พ\.\s*ศ\.?\s*)?\d{2,4}|ผลการประเมิน(?:ปี|ครั้ง)ที่ผ่านมา)/u;

const NUM_RE = /\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?/gu;
const ITA_CONTEXT = /ITA|ไอทีเอ|คุณธรรมและความโปร่งใส|คะแนน|ผลการประเมิน|ตัวชี[้่]วัด/iu;
/** Date: "30 กันยายน 2567", "30 ก.ย. 67", "1/10/2567". */
const MONTHS = 'มกราคม|กุมภาพันธ์|มีนาคม|เมษายน|พฤษภาคม|มิถุนายน|กรกฎาคม|สิงหาคม|กันยายน|ตุลาคม|พฤศจิกายน|ธันวาคม|ม\\.ค\\.|ก\\.พ\\.|มี\\.ค\\.|เม\\.ย\\.|พ\\.ค\\.|มิ\\.ย\\.|ก\\.ค\\.|ส\\.ค\\.|ก\\.ย\\.|ต\\.ค\\.|พ\\.ย\\.|ธ\\.ค\\.';
const DATE_RE = new RegExp(`\\d{1,2}\\s*(?:${MONTHS})\\s*(?:พ\\.\\s*ศ\\.?\\s*)?\\d{2,4}|\\d{1,2}/\\d{1,2}/\\d{2,4}`, 'gu');

function reasonOf(before: string, after: string): { reason: NotScoreReason; why: string } | null {
  for (const c of CUES) {
    if (c.re.test(c.side === 'before' ? before : after)) return { reason: c.reason, why: c.why };
  }
  return null;
}

/** Directions; a comparative against an average or a target ("สูงกว่าค่าเฉลี่ย", "สูงกว่าเกณฑ์") is not a change. */
function directions(text: string): DirectionMention[] {
  const out: DirectionMention[] = [];
  for (const m of text.matchAll(DIRECTION_RE)) {
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 25);
    const g = m.groups ?? {};
    if ((g.cup || g.cdown) && !EARLIER_YEAR_AFTER.test(after)) continue;
    if (/^\s*(?:ค่าเฉลี่ย|คะแนนเฉลี่ย|เกณฑ์|ค่าเป้าหมาย|เป้าหมาย|ที่กำหนด)/u.test(after)) continue;
    out.push({ kind: 'direction', dir: g.up || g.cup ? 'up' : 'down', start: m.index, end: m.index + m[0].length, word: m[0] });
  }
  return out;
}

export function lex(text: string, nameEnds: number[] = []): Lexed {
  const years = findYears(text).map((y) => ({
    ...y,
    baselineHint: /(?:จาก|เทียบกับ|กับ|ก่อนหน้า)\s*$/u.test(text.slice(Math.max(0, y.start - 12), y.start)),
  }));
  const dates = [...text.matchAll(DATE_RE)].map((m) => [m.index, m.index + m[0].length] as const);
  const inParen = (at: number) => {
    const open = text.lastIndexOf('(', at);
    return open >= 0 && text.lastIndexOf(')', at) < open && at - open < 40;
  };
  const numbers: NumberMention[] = [];
  for (const m of text.matchAll(NUM_RE)) {
    const start = m.index;
    const end = start + m[0].length;
    if (years.some((y) => start < y.end && end > y.start)) continue;
    if (start > 0 && /[\d.]/.test(text[start - 1])) continue;
    const before = text.slice(Math.max(0, start - 60), start);
    const after = text.slice(end, end + 40);
    const value = statedNumber(m[0]);
    const unit = /^\s*(?:%|เปอร์เซ็นต์)/u.test(after) || /ร้อยละ\s*$/u.test(before) ? 'percent' : /^\s*คะแนน/u.test(after) ? 'points' : null;
    let reason: NotScoreReason | null = null;
    if (dates.some(([a, b]) => start >= a && end <= b)) reason = 'date';
    else if (m[0].includes(',') || value.value >= 1000) reason = /^25\d\d$|^26\d\d$/.test(m[0]) ? 'year-like' : 'large';
    else reason = reasonOf(before, after)?.reason ?? null;
    // A list marker at the start of a line ("2. การใช้งบประมาณ …", "(3) …") numbers an item.
    if (!reason && /(?:^|\n)\s*\(?$/u.test(before) && /^\s*[.)](?!\d)/u.test(after)) reason = 'ordinal';
    // A count is a whole number: "98.32 ระดับ AA" is a score followed by its level, not 98.32 levels.
    if (reason === 'count' && value.decimals > 0) reason = null;
    // "เพิ่มขึ้น … จำนวน 3.50 คะแนน": a number of points is a change, not a count.
    if (reason === 'count' && unit === 'points' && /จำนวน\s*$/u.test(before)) reason = null;
    // "คะแนนเฉลี่ย" is the agency's own score unless the clause speaks of a group ("จากทั้งหมด 17 หน่วยงาน คะแนนเฉลี่ย").
    if (reason === 'group-average' && /(?:คะแนน|ค่า)เฉลี่ย\S{0,12}\s*(?:อยู่ที่|เท่ากับ|คือ)?\s*$/u.test(before) &&
      !/(?:หน่วยงาน|ทั้งหมด|ของกลุ่ม|ประเทศ|จังหวัด|ค่าเฉลี่ย)/u.test(before.replace(/(?:คะแนน|ค่า)เฉลี่ย\S{0,12}\s*(?:อยู่ที่|เท่ากับ|คือ)?\s*$/u, '').slice(-40)) &&
      !/ค่าเฉลี่ย/u.test(before.slice(-20))) {
      reason = null;
    }
    // "X คะแนน จาก N": on a scale of N. N = 100 is the full mark (X is a score); a smaller round N makes X a subtotal.
    const outOf = /^\s*(?:คะแนน)?\s*จาก(?:คะแนนเต็ม|เต็ม)?\s*(\d+(?:\.\d+)?)\s*(?:คะแนน)?(?!\s*(?:เป็น|ใน|ของ|ปี|\d))/u.exec(after);
    if (!reason && outOf && Number(outOf[1]) < 100 && Number(outOf[1]) >= value.value && [5, 10, 20, 25, 30, 40, 50].includes(Number(outOf[1]))) reason = 'scale';
    const prevNum = numbers[numbers.length - 1];
    if (!reason && value.value === 100 && /จาก(?:คะแนนเต็ม|เต็ม)?\s*$/u.test(before) && prevNum && /^\s*(?:คะแนน)?\s*จาก(?:คะแนนเต็ม|เต็ม)?\s*$/u.test(text.slice(prevNum.end, start))) reason = 'full-mark';
    // "ได้คะแนนเต็ม 100 คะแนน": full marks achieved — that is the score.
    if (reason === 'full-mark' && value.value === 100 && /ได้(?:รับ)?\s*คะแนน\s*เต็ม\s*$/u.test(before)) reason = null;
    // "73.48/100": the 100 is the full mark of the number before it.
    if (!reason && prevNum && /^\s*\/\s*$/u.test(text.slice(prevNum.end, start))) reason = 'full-mark';
    if (!reason && prevNum?.reason === 'scale' && /^\s*(?:คะแนน)?\s*จาก(?:คะแนนเต็ม|เต็ม)?\s*$/u.test(text.slice(prevNum.end, start))) reason = 'full-mark';
    const afterName = nameEnds.some((e) => e <= start && AFTER_NAME.test(text.slice(e, start)));
    let cue = SCORE_AFTER.exec(after)?.[0].trim() ?? SCORE_BEFORE.exec(before)?.[0].trim() ?? (afterName ? 'indicator-name' : null);
    // "(+8.25)", "(-3.10)", "+ 2.5 คะแนน": a sign after a space or bracket (not a range like 2566-2570) marks a change.
    const signMatch = /(?:^|[\s(（,])([+\-−])\s*$/u.exec(before);
    const sign = signMatch && value.value < 100 ? (signMatch[1] === '+' ? '+' : '-') : null;
    let hint: NumberMention['hint'] = null;
    const sincePrev = text.slice(Math.max(prevNum ? prevNum.end : 0, start - 60), start);
    if (STRONG_CURRENT.test(sincePrev)) hint = { role: 'current', strength: 'strong', word: STRONG_CURRENT.exec(sincePrev)![0].trim() };
    else if (BASELINE_AFTER_YEAR.test(sincePrev)) hint = { role: 'baseline', strength: 'strong', word: BASELINE_AFTER_YEAR.exec(sincePrev)![0].trim() };
    else if (STRONG_BASELINE.test(sincePrev) && !/จาก(?:คะแนนเต็ม|เต็ม)/u.test(sincePrev)) hint = { role: 'baseline', strength: 'strong', word: STRONG_BASELINE.exec(sincePrev)![0].trim() };
    else if (inParen(start) && /(?:ปี\s*ที่\s*ผ่าน\s*มา|ปี\s*ก่อน|ปี\s*ที่\s*แล้ว|เดิม)\s*\(\s*(?:คะแนน)?\s*$/u.test(before)) hint = { role: 'baseline', strength: 'strong', word: 'ปี\s*ที่\s*ผ่าน\s*มา (…)' };
    else if (BASELINE_AFTER.test(after)) hint = { role: 'baseline', strength: 'strong', word: BASELINE_AFTER.exec(after)![0].trim() };
    else if (WEAK_BASELINE.test(sincePrev)) hint = { role: 'baseline', strength: 'weak', word: 'ซึ่งในปี' };
    // A word that gives the number its role ("คะแนนปีก่อน 50.58", "จากเดิม 88") makes it score-like too.
    if (!cue && hint?.strength === 'strong') cue = hint.word;
    if (!cue && sign) cue = sign;
    numbers.push({ kind: 'number', value, start, end, unit, cue, reason, hint, parenthetical: inParen(start), sign });
  }
  const itaContext = ITA_CONTEXT.test(text) || nameEnds.length > 0;
  for (const n of numbers) {
    // A bare percentage is a score only where the text speaks of the assessment.
    if (!n.reason && n.cue && n.unit === 'percent' && !/คะแนน/u.test(n.cue) && !itaContext) n.reason = 'not-ita';
  }
  return { text, years, numbers, directions: directions(text), itaContext };
}
