import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../src/normalize/index.ts';
import {
  normalizeSpaces, removeSpaceBeforeCombiningMarks, removeZeroWidth, reorderToneMarks, repairSaraAm,
  repairThaiPuaGlyphs, thaiDigitsToArabic, toNfc,
} from '../../src/normalize/rules.ts';

type Case = [input: string, expected: string, why: string];

const table = (name: string, fn: (s: string) => string, cases: Case[]) =>
  describe(name, () => {
    it.each(cases)('%s → %s (%s)', (input, expected) => {
      expect(fn(input)).toBe(expected);
    });
  });

table('thaiDigitsToArabic', thaiDigitsToArabic, [
  ['๙๙.๕๖', '99.56', 'a score'],
  ['พ.ศ. ๒๕๖๘', 'พ.ศ. 2568', 'a year'],
  ['๑.๑ … 1.1.1', '1.1 … 1.1.1', 'mixed digits on one line'],
  ['ไม่มีตัวเลข', 'ไม่มีตัวเลข', 'no digits: unchanged'],
]);

table('repairThaiPuaGlyphs', repairThaiPuaGlyphs, [
  ['\u0E1C\u0E39\uF70B', 'ผู้', 'lowered mai tho after sara uu'],
  ['\u0E1B\uF701\u0E14', 'ปิด', 'left-shifted sara i'],
  ['\uF700\u0E32\u0E19', 'ฐาน', 'tho than without descender'],
  ['\u0E01\uF710\u0E19', 'กัน', 'left-shifted mai han-akat'],
  ['\u0E1B\u0E23\u0E30\u0E01\u0E32\u0E28', 'ประกาศ', 'no PUA: unchanged'],
]);

table('repairSaraAm', repairSaraAm, [
  ['ดำาเนิน', 'ดำเนิน', 'sara am doubled by the PDF text layer'],
  ['ดํา', 'ดำ', 'nikhahit + sara aa (Word, OCR)'],
  ['น\u0E49\u0E4D\u0E32', 'น้ำ', 'tone, nikhahit, sara aa'],
  ['น\u0E4D\u0E49\u0E32', 'น้ำ', 'nikhahit, tone, sara aa'],
  ['ทำงาน', 'ทำงาน', 'already correct'],
  ['ความ', 'ความ', 'sara aa alone is untouched'],
]);

table('reorderToneMarks', reorderToneMarks, [
  ['\u0E1C\u0E49\u0E39', 'ผู้', 'mai tho before sara uu (drawing order)'],
  ['\u0E17\u0E48\u0E35', 'ที่', 'mai ek before sara ii'],
  ['ผู้', 'ผู้', 'storage order already'],
]);

table('removeSpaceBeforeCombiningMarks', removeSpaceBeforeCombiningMarks, [
  ['ตำ าบล', 'ตำาบล', 'a sub-point space before sara aa (then sara am repair)'],
  ['ทั ้งนี้', 'ทั้งนี้', 'space before a tone mark'],
  ['ต่าง ๆ', 'ต่าง ๆ', 'mai yamok may follow a space'],
  ['ความ โปร่งใส', 'ความ โปร่งใส', 'a space before a consonant stays'],
]);

table('removeZeroWidth', removeZeroWidth, [
  ['คุณ\u200Bธรรม', 'คุณธรรม', 'zero-width space'],
  ['\uFEFFรายงาน', 'รายงาน', 'BOM'],
  ['ประ\u00ADกาศ', 'ประกาศ', 'soft hyphen'],
]);

table('normalizeSpaces', normalizeSpaces, [
  ['ได้\u00A099.56', 'ได้ 99.56', 'no-break space'],
  ['ได้   99.56', 'ได้ 99.56', 'runs of spaces'],
  ['a\tb', 'a\tb', 'tabs separate cells and stay'],
]);

table('toNfc', toNfc, [
  ['ดำ', 'ดำ', 'NFC keeps sara am (NFKC would split it)'],
  ['e\u0301', 'é', 'Latin combining accent composes'],
]);

describe('normalizeText (all steps in order)', () => {
  it.each([
    ['ประจำปี งบประมาณ ๒๕๖๗', 'ประจำปีงบประมาณ 2567', 'a wrap space inside a word goes, Thai digits become Arabic'],
    ['ทั้งนี้ ดำาเนินการ', 'ทั้งนี้ ดำเนินการ', 'a phrase space stays, sara am repaired'],
    ['ความสะดวก สะดวกเกี่ยวกับ', 'ความสะดวก สะดวกเกี่ยวกับ', 'a repeated word is kept as written (flagged later)'],
    ['ประจำปีงบประมาณ พ.ศ. ๒๕๖๘', 'ประจำปีงบประมาณ พ.ศ. 2568', 'the space before an abbreviation stays'],
  ])('%s → %s (%s)', (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });
});
