/**
 * Signs of a damaged text layer (THAI-TEXT-NOTES): ASCII symbols inside Thai words (an unmapped glyph shown as
 * `$`), doubled combining marks (ุุ), the replacement character, and control characters. These are not repaired:
 * they are reported so the report is flagged EXTRACTION_LOW_CONFIDENCE.
 */
import { THAI_COMBINING, THAI_WORD_CHAR } from './thai-chars.ts';

export interface TextDamage {
  kind: 'symbol-in-word' | 'doubled-mark' | 'replacement-char' | 'control-char' | 'orphan-mark';
  /** The few characters around the damage, for the reviewer. */
  context: string;
}

/** A symbol right after a Thai letter: the WinAnsi fallback of a glyph without a Unicode mapping (`ทั$ งนี$`). */
const symbolInWord = new RegExp(`[${THAI_WORD_CHAR}][$^~\`{}\\\\@]+`, 'g');
const doubledMark = new RegExp(`([${THAI_COMBINING}])\\1`, 'g');
const orphanMark = new RegExp(`(?:^|[^${THAI_WORD_CHAR}])[${THAI_COMBINING}]`, 'gu');

/** How a reviewer reads each kind of damage. */
export const DAMAGE_LABEL_TH: Readonly<Record<TextDamage['kind'], string>> = {
  'symbol-in-word': 'สัญลักษณ์แทรกในคำ',
  'doubled-mark': 'สระหรือวรรณยุกต์ซ้ำ',
  'replacement-char': 'อักขระที่อ่านไม่ได้',
  'control-char': 'อักขระควบคุม',
  'orphan-mark': 'สระหรือวรรณยุกต์ไม่มีพยัญชนะ',
};

export function findTextDamage(s: string): TextDamage[] {
  const found: TextDamage[] = [];
  const around = (i: number) => s.slice(Math.max(0, i - 8), i + 9);
  for (const m of s.matchAll(symbolInWord)) found.push({ kind: 'symbol-in-word', context: around(m.index) });
  for (const m of s.matchAll(doubledMark)) found.push({ kind: 'doubled-mark', context: around(m.index) });
  for (const m of s.matchAll(/\uFFFD/g)) found.push({ kind: 'replacement-char', context: around(m.index) });
  for (const m of s.matchAll(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g)) {
    found.push({ kind: 'control-char', context: around(m.index) });
  }
  for (const m of s.matchAll(orphanMark)) found.push({ kind: 'orphan-mark', context: around(m.index) });
  return found;
}
