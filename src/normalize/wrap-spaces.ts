/**
 * Line-wrap spaces inside Thai words. Word wraps a cell's text and the copy keeps the break as a space, so
 * "ทรัพย์สิน ของราชการ" is fine but "ประจำปี งบประมาณ" splits one word. Thai writes no spaces between words, only
 * between phrases, so a space is removed only when the dictionary says a word runs across it; every other space
 * (a phrase boundary, or a wrap we cannot tell from one) is kept. Measured in THAI-TEXT-NOTES: joining every
 * wrap with "" loses real spaces and with " " adds wrong ones; the word list decides at the join.
 */
import { isThaiWordChar, THAI_LEADING_VOWEL, THAI_NON_INITIAL, THAI_WORD_CHAR } from './thai-chars.ts';
import { memoBySegmenter, type WordSegmenter } from './segment-words.ts';

const WINDOW = 24;
/** What removeWrapSpaces hands over each side of a space: more than WINDOW, so the answer is the same. */
const SIDE = 4 * WINDOW;
const leadingVowelEnd = new RegExp(`[${THAI_LEADING_VOWEL}]$`);
const nonInitialStart = new RegExp(`^[${THAI_NON_INITIAL}]`);

/** Whether a single space between `left` (ending in Thai) and `right` (starting in Thai) sits inside a word. */
export function isSpaceInsideWord(left: string, right: string, seg: WordSegmenter): boolean {
  // The Thai run ending `left` and the one starting `right`, found by scanning: `/[…]+$/` tries every start in
  // `left` and was 3% of the pipeline's time (issue 10).
  let a = left.length;
  while (a > 0 && isThaiWordChar(left.charCodeAt(a - 1))) a--;
  let b = 0;
  while (b < right.length && isThaiWordChar(right.charCodeAt(b))) b++;
  const l = left.slice(a);
  const r = right.slice(0, b);
  if (!l || !r) return false;
  // "พ.ศ.", "อ.", "จ.", "อบต.": a short abbreviation starts a new unit.
  if (right[r.length] === '.' && r.length <= 3) return false;
  // A leading vowel cannot end a word; a following vowel or mark cannot begin one.
  if (leadingVowelEnd.test(l) || nonInitialStart.test(r)) return true;
  const lw = l.slice(-WINDOW);
  const rw = r.slice(0, WINDOW);
  return decided(seg, `${lw} ${rw}`, () => wordAcross(lw, rw, seg));
}

/**
 * The same wrap recurs from report to report (headers, "ประจำปี งบประมาณ", agency names): the answer depends only on
 * the two windows, so it is kept instead of segmenting again.
 */
const decided = memoBySegmenter<boolean>(50_000);

function wordAcross(lw: string, rw: string, seg: WordSegmenter): boolean {
  const joined = lw + rw;
  const junction = lw.length;
  let pos = 0;
  for (const word of seg.cut(joined)) {
    const end = pos + word.length;
    if (pos < junction && end > junction) {
      // A dictionary word runs across the space. wordcut prefers the fewest words, so where both halves are words
      // too it still picks the compound (ปี|งบประมาณ → ปีงบประมาณ): wraps split compounds, phrases do not join into one.
      return seg.has(word);
    }
    if (end >= junction) return false;
    pos = end;
  }
  return false;
}

/** Removes the single spaces between Thai letters that the dictionary shows to be inside a word. */
export function removeWrapSpaces(s: string, seg: WordSegmenter): string {
  if (!s.includes(' ')) return s;
  const re = new RegExp(`(?<=[${THAI_WORD_CHAR}]) (?=[${THAI_WORD_CHAR}])`, 'g');
  let out = '';
  let last = 0;
  for (const m of s.matchAll(re)) {
    const at = m.index;
    // Windows, not the whole text either side: the decision looks at most WINDOW letters each way, and a regex
    // anchored at the end of a 2-million-character slice rescans it for every space (a 3 MB line took 7 s).
    if (isSpaceInsideWord(s.slice(Math.max(0, at - SIDE), at), s.slice(at + 1, at + 1 + SIDE), seg)) {
      out += s.slice(last, at);
      last = at + 1;
    }
  }
  return out + s.slice(last);
}

const THAI_END = new RegExp(`[${THAI_WORD_CHAR}]$`);
const THAI_START = new RegExp(`^[${THAI_WORD_CHAR}]`);

/** The separator before a line: none for a visual wrap between two Thai letters, else a space or a newline. */
export function lineJoin(before: string, line: { text: string; wrapped?: boolean }, otherwise: string): string {
  if (!line.wrapped) return otherwise;
  // Between two Thai letters, or after a hyphen the line broke at (E-|service, ท่าเดื่อ-|มืดกา).
  return (THAI_END.test(before) && THAI_START.test(line.text)) || /\S-$/.test(before) ? '' : otherwise;
}

/**
 * Joins the lines of one cell or paragraph. A visual wrap (PDF) between two Thai letters joins without a space:
 * measured on the LibreOffice fixtures this adds no wrong space and loses 11 of 434 real ones, where a space at
 * every wrap added 119 wrong ones. Other joins get a space, which the word list removes inside a word.
 */
export function joinWrappedLines(lines: Array<string | { text: string; wrapped?: boolean }>, seg: WordSegmenter): string {
  let out = '';
  for (const l of lines) {
    const line = typeof l === 'string' ? { text: l } : l;
    const text = line.text.trim();
    if (!text) continue;
    out += out ? lineJoin(out, { ...line, text }, ' ') + text : text;
  }
  return removeWrapSpaces(out, seg);
}
