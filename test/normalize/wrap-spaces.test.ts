import { describe, expect, it } from 'vitest';
import { getWordSegmenter } from '../../src/normalize/segment-words.ts';
import { isSpaceInsideWord, joinWrappedLines, removeWrapSpaces } from '../../src/normalize/wrap-spaces.ts';

const seg = getWordSegmenter();

describe('wordcut segmenter', () => {
  it('loads its dictionary once, with the report words added', () => {
    expect(seg.size).toBeGreaterThan(20000);
    expect(seg.has('ปีงบประมาณ')).toBe(true);
    expect(getWordSegmenter()).toBe(seg);
  });
});

describe('removeWrapSpaces', () => {
  it.each([
    ['ปี งบประมาณ', 'ปีงบประมาณ', 'one word split by a wrap'],
    ['ดำเนิน การ', 'ดำเนินการ', 'one word split by a wrap'],
    ['ในส่วนของ ประสิทธิภาพการสื่อสาร', 'ในส่วนของ ประสิทธิภาพการสื่อสาร', 'a phrase boundary stays'],
    ['อบต. ละหานทราย', 'อบต. ละหานทราย', 'after an abbreviation point: not between Thai letters'],
    ['ได้ 99.56 คะแนน', 'ได้ 99.56 คะแนน', 'spaces around numbers stay'],
    ['เ ป็น', 'เป็น', 'a leading vowel cannot end a word'],
  ])('%s → %s (%s)', (input, expected) => {
    expect(removeWrapSpaces(input, seg)).toBe(expected);
  });

  it('keeps a space between two phrases that do not form a word', () => {
    expect(isSpaceInsideWord('ทั้งนี้', 'เจ้าหน้าที่', seg)).toBe(false);
    expect(isSpaceInsideWord('ทรัพย์สิน', 'ของราชการ', seg)).toBe(false);
  });
});

describe('joinWrappedLines', () => {
  it('joins the lines of a cell and lets the word list decide each join', () => {
    expect(joinWrappedLines(['ผลการประเมินประจำปี', 'งบประมาณ 2567', '', ' ได้ 97.10 คะแนน '], seg)).toBe(
      'ผลการประเมินประจำปีงบประมาณ 2567 ได้ 97.10 คะแนน',
    );
  });
});
