/**
 * Line-wrap spaces inside Thai words. Word wraps a cell's text and the copy keeps the break as a space, so
 * "ทรัพย์สิน ของราชการ" is fine but "ประจำปี งบประมาณ" splits one word. Thai writes no spaces between words, only
 * between phrases, so a space is removed only when the dictionary says a word runs across it; every other space
 * (a phrase boundary, or a wrap we cannot tell from one) is kept. Measured in THAI-TEXT-NOTES: joining every
 * wrap with "" loses real spaces and with " " adds wrong ones; the word list decides at the join.
 */
import { THAI_LEADING_VOWEL, THAI_NON_INITIAL, THAI_WORD_CHAR } from './thai-chars.ts';
import type { WordSegmenter } from './segment-words.ts';

const WINDOW = 24;
const trailingThai = new RegExp(`[${THAI_WORD_CHAR}]+$`);
const leadingThai = new RegExp(`^[${THAI_WORD_CHAR}]+`);
const leadingVowelEnd = new RegExp(`[${THAI_LEADING_VOWEL}]$`);
const nonInitialStart = new RegExp(`^[${THAI_NON_INITIAL}]`);

/** Whether a single space between `left` (ending in Thai) and `right` (starting in Thai) sits inside a word. */
export function isSpaceInsideWord(left: string, right: string, seg: WordSegmenter): boolean {
  const l = trailingThai.exec(left)?.[0];
  const r = leadingThai.exec(right)?.[0];
  if (!l || !r) return false;
  // "พ.ศ.", "อ.", "จ.", "อบต.": a short abbreviation starts a new unit.
  if (right[r.length] === '.' && r.length <= 3) return false;
  // A leading vowel cannot end a word; a following vowel or mark cannot begin one.
  if (leadingVowelEnd.test(l) || nonInitialStart.test(r)) return true;
  const lw = l.slice(-WINDOW);
  const rw = r.slice(0, WINDOW);
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
    if (isSpaceInsideWord(s.slice(0, at), s.slice(at + 1), seg)) {
      out += s.slice(last, at);
      last = at + 1;
    }
  }
  return out + s.slice(last);
}

/** Joins wrapped lines of one cell or paragraph: with a space, then the wrap rule decides whether it stays. */
export function joinWrappedLines(lines: string[], seg: WordSegmenter): string {
  const parts = lines.map((l) => l.trim()).filter((l) => l.length > 0);
  return removeWrapSpaces(parts.join(' '), seg);
}
