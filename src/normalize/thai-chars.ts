/**
 * Thai character classes (Unicode chart U+0E00–U+0E7F). Kept in one place so every rule uses the same sets.
 */

/** Vowels and marks that never begin a syllable: ะ ั า ำ ิ ี ึ ื ุ ู ฺ ๅ ็ ่ ้ ๊ ๋ ์ ํ ๎. */
export const THAI_NON_INITIAL = '\u0E30-\u0E3A\u0E45\u0E47-\u0E4E';
/** Leading vowels เ แ โ ใ ไ: written before their consonant, so they never end a word. */
export const THAI_LEADING_VOWEL = '\u0E40-\u0E44';
/** Any Thai letter or mark that is part of a word (excludes ฯ ๆ ฿ and digits). */
export const THAI_WORD_CHAR = '\u0E01-\u0E2E\u0E30-\u0E3A\u0E40-\u0E45\u0E47-\u0E4E';
/** Combining marks drawn above or below (zero width). */
export const THAI_COMBINING = '\u0E31\u0E34-\u0E3A\u0E47-\u0E4E';
/** Tone marks ่ ้ ๊ ๋ and thanthakhat ์. */
export const THAI_TONE = '\u0E48-\u0E4C';
/** Above and below vowels a tone mark must follow in storage order: ั ิ ี ึ ื ุ ู ฺ. */
export const THAI_ABOVE_BELOW_VOWEL = '\u0E31\u0E34-\u0E3A';

const WORD_CHAR = new RegExp(`[${THAI_WORD_CHAR}]`);
const WORD_CHAR_TABLE = Uint8Array.from({ length: 0x80 }, (_, k) => Number(WORD_CHAR.test(String.fromCharCode(0x0e00 + k))));
/** Whether a UTF-16 code unit is in THAI_WORD_CHAR (a table lookup, for scans a regex would make quadratic). */
export const isThaiWordChar = (code: number): boolean => code >= 0x0e00 && code < 0x0e80 && WORD_CHAR_TABLE[code - 0x0e00] === 1;
