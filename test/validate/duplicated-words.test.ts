/**
 * DUPLICATED_TEXT finds a word written twice back to back. Texts with no repeated run of Thai letters are no longer
 * segmented (a prefilter); this checks the answer is the same as segmenting everything, on every measure text of the
 * seed and of the accuracy sets and on written doubles, and that a long text with no repeat is handled (the
 * prefilter's run is bounded: unbounded it is quadratic).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getWordSegmenter } from '../../src/normalize/segment-words.ts';
import { doubledWords, findDuplicatedWords } from '../../src/validate/text.ts';
import { ROOT } from '../helpers/cli.ts';

const seg = getWordSegmenter();

/** The check without the prefilter: segment everything. */
const reference = (text: string) => doubledWords(seg.cut(text), seg);

describe('findDuplicatedWords', () => {
  it('finds written doubles, with or without a space, and not the legitimate ones', () => {
    expect(findDuplicatedWords('ได้ดำเนินการระบุระบุรายละเอียด', seg)).toEqual(['ระบุระบุ']);
    expect(findDuplicatedWords('เพื่อความสะดวก สะดวกแก่ประชาชน', seg)).toEqual(['สะดวก สะดวก']);
    expect(findDuplicatedWords('ประเทศนานาชาติ', seg)).toEqual([]);
  });

  it('gives the same answer as segmenting everything, on every measure text of the seed and the accuracy sets', () => {
    const texts: string[] = [];
    for (const dir of ['fixtures/accuracy', 'fixtures/accuracy-b', 'fixtures/accuracy-c']) {
      for (const f of readdirSync(join(ROOT, dir)).filter((n) => n.endsWith('.txt'))) texts.push(...readFileSync(join(ROOT, dir, f), 'utf8').split(/\n|\t/));
    }
    texts.push(...readFileSync(join(ROOT, 'fixtures/seed/laharnsai-2568.mixed.txt'), 'utf8').split(/\n|\t/));
    const withDoubles = texts.slice(0, 200).map((t) => t.replace(/(คะแนน|ประชาชน|หน่วยงาน)/u, '$1$1'));
    let doubles = 0;
    for (const t of [...texts, ...withDoubles]) {
      const got = findDuplicatedWords(t, seg);
      expect(got, t).toEqual(reference(t));
      doubles += got.length;
    }
    expect(doubles).toBeGreaterThan(50); // the comparison saw real doubles, not only empty answers
  });

  it('a long text with no repeated run (square-free) is answered, empty', () => {
    const tm = (n: number) => { let c = 0; while (n) { c ^= n & 1; n >>= 1; } return c; };
    const letters = ['ก', 'ข', 'ค'];
    let s = '';
    for (let i = 0; i < 100_000; i++) s += letters[(tm(i + 1) - tm(i) + 4) % 3];
    expect(findDuplicatedWords(s, seg)).toEqual([]);
  });
});
