/** The damaged-text-layer check: Thai that is mostly not words is reported per page; clean Thai is not. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractText } from '../../src/extractors/text.ts';
import { normalizeDocument } from '../../src/normalize/index.ts';
import { getWordSegmenter } from '../../src/normalize/segment-words.ts';
import { checkWords } from '../../src/normalize/word-check.ts';
import { ROOT } from '../helpers/cli.ts';

const seg = getWordSegmenter();
const seed = readFileSync(join(ROOT, 'fixtures/seed/laharnsai-2568.mixed.txt'), 'utf8');
const check = (text: string) => checkWords(normalizeDocument(extractText(text).value, seg).value, seg);

describe('damaged text layer by the word list', () => {
  it('the seed report (real Thai, typos and all) raises nothing', () => {
    expect(check(seed)).toEqual([]);
  });

  it('the same report with every า lost (what pdf.js did to some LibreOffice PDFs) is reported, with examples', () => {
    const damaged = check(seed.replace(/า/g, ' '));
    expect(damaged).toHaveLength(1);
    expect(damaged[0].code).toBe('TEXT_DAMAGED');
    expect(damaged[0].text).toMatch(/ข้อความไทย \d+% ไม่เป็นคำที่รู้จัก/);
  });

  it('too little Thai to judge raises nothing', () => {
    expect(check('ก ร ข ค ง')).toEqual([]);
  });
});
