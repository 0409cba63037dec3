/**
 * Thai clean-up rules, each a small pure string function. The order they run in is fixed in ./index.ts.
 * Facts behind them: ../../THAI-TEXT-NOTES (shared), Unicode chart U+0E00–U+0E7F, and the Thai PUA glyph
 * convention of Windows/Mac Thai fonts (U+F700–U+F71A, positional variants of standard marks).
 */
import { THAI_ABOVE_BELOW_VOWEL, THAI_NON_INITIAL, THAI_TONE } from './thai-chars.ts';

/** NFC only: NFKC would decompose ำ (U+0E33) into ํ + า. */
export function toNfc(s: string): string {
  return s.normalize('NFC');
}

/** Zero-width space/joiners, word joiner, BOM and soft hyphen carry no text. */
export function removeZeroWidth(s: string): string {
  return s.replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/g, '');
}

/**
 * Thai PUA glyphs (U+F700–U+F71A) are positional variants (shifted left, lowered, without descender) of
 * standard characters, used by fonts such as TH SarabunPSK; their ToUnicode maps often leak them into text.
 */
export const PUA_TO_THAI: Readonly<Record<string, string>> = {
  '\uF700': '\u0E10', // ฐ without its lower part
  '\uF701': '\u0E34', // ิ shifted left
  '\uF702': '\u0E35', // ี shifted left
  '\uF703': '\u0E36', // ึ shifted left
  '\uF704': '\u0E37', // ื shifted left
  '\uF705': '\u0E48', // ่ lowered, shifted left
  '\uF706': '\u0E49', // ้ lowered, shifted left
  '\uF707': '\u0E4A', // ๊ lowered, shifted left
  '\uF708': '\u0E4B', // ๋ lowered, shifted left
  '\uF709': '\u0E4C', // ์ lowered, shifted left
  '\uF70A': '\u0E48', // ่ lowered
  '\uF70B': '\u0E49', // ้ lowered
  '\uF70C': '\u0E4A', // ๊ lowered
  '\uF70D': '\u0E4B', // ๋ lowered
  '\uF70E': '\u0E4C', // ์ lowered
  '\uF70F': '\u0E0D', // ญ without its lower part
  '\uF710': '\u0E31', // ั shifted left
  '\uF711': '\u0E4D', // ํ shifted left
  '\uF712': '\u0E47', // ็ shifted left
  '\uF713': '\u0E48', // ่ shifted left
  '\uF714': '\u0E49', // ้ shifted left
  '\uF715': '\u0E4A', // ๊ shifted left
  '\uF716': '\u0E4B', // ๋ shifted left
  '\uF717': '\u0E4C', // ์ shifted left
  '\uF718': '\u0E38', // ุ lowered
  '\uF719': '\u0E39', // ู lowered
  '\uF71A': '\u0E3A', // ฺ lowered
};

export function repairThaiPuaGlyphs(s: string): string {
  return s.replace(/[\uF700-\uF71A]/g, (c) => PUA_TO_THAI[c] ?? c);
}

/** A space (or a sub-point whitespace item) before a mark or vowel that cannot begin a syllable is a wrap artefact. */
export function removeSpaceBeforeCombiningMarks(s: string): string {
  return s.replace(new RegExp(`(?<=[\\u0E01-\\u0E4E])[ \\t\\u00A0]+(?=[${THAI_NON_INITIAL}])`, 'g'), '');
}

/**
 * Sara am written as nikhahit + sara aa (ํา, what Word, OCR and some fonts produce), with or without a tone mark
 * between them (นํ้า), and sara am doubled by PDF text layers (ดำาเนิน) all become ำ (U+0E33).
 */
export function repairSaraAm(s: string): string {
  return s
    .replace(new RegExp(`\\u0E4D([${THAI_TONE}]?)\\u0E32`, 'g'), '$1\u0E33')
    .replace(new RegExp(`([${THAI_TONE}])\\u0E4D\\u0E32`, 'g'), '$1\u0E33')
    .replace(/\u0E33\u0E32/g, '\u0E33');
}

/** Storage order is consonant, above/below vowel, tone mark; PDF drawing order sometimes puts the tone first. */
export function reorderToneMarks(s: string): string {
  return s.replace(new RegExp(`([${THAI_TONE}])([${THAI_ABOVE_BELOW_VOWEL}])`, 'g'), '$2$1');
}

const THAI_DIGIT_ZERO = 0x0e50;
/** Thai digits ๐–๙ → 0–9 (numbers and years are compared as numbers; the original stays in provenance). */
export function thaiDigitsToArabic(s: string): string {
  return s.replace(/[\u0E50-\u0E59]/g, (d) => String(d.charCodeAt(0) - THAI_DIGIT_ZERO));
}

/** 0–9 → ๐–๙: the form a Thai-digit document writes a number in. */
export function arabicDigitsToThai(s: string): string {
  return s.replace(/[0-9]/g, (d) => String.fromCharCode(THAI_DIGIT_ZERO + Number(d)));
}

/** Non-breaking and other odd spaces become plain spaces; runs of spaces collapse; tabs stay (they separate cells). */
export function normalizeSpaces(s: string): string {
  return s.replace(/[\u00A0\u2000-\u200A\u202F\u205F\u3000]/g, ' ').replace(/ {2,}/g, ' ');
}
