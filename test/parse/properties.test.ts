/**
 * Properties of the sentence parser (fast-check):
 *  - it never throws, whatever the text;
 *  - every number it reports (score, baseline, change, candidates) occurs in the text as written;
 *  - on phrasings composed at random (the two year clauses in either order, random connectors, distractors
 *    such as pass marks, full marks, ranks and counts inserted anywhere), it returns the right tuple or abstains:
 *    a decided value is never a wrong one.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseOutcomeScores, parseScoreSentence } from '../../src/parse/score-sentences.ts';

const THAI_WORDS = ['คะแนน', 'ได้', 'ปี', 'ปีงบประมาณ', 'พ.ศ.', 'เพิ่มขึ้น', 'ลดลง', 'จาก', 'เป็น', 'ร้อยละ', 'ซึ่ง', 'ตัวชี้วัดที่', 'การใช้งบประมาณ',
  'อันดับที่', 'เต็ม', 'เกณฑ์', '(', ')', '%', 'เมื่อเทียบกับ', 'ตามลำดับ', 'หน่วยงาน', 'ครั้ง', 'และ', '=', '/', 'ITA'];
const token = fc.oneof(
  fc.constantFrom(...THAI_WORDS),
  fc.integer({ min: 0, max: 3000 }).map(String),
  fc.tuple(fc.integer({ min: 0, max: 120 }), fc.integer({ min: 0, max: 99 })).map(([a, b]) => `${a}.${String(b).padStart(2, '0')}`),
  fc.string({ maxLength: 4 }),
);
const text = fc.array(token, { maxLength: 30 }).chain((ts) => fc.array(fc.constantFrom(' ', '', '\n', ', '), { minLength: ts.length, maxLength: ts.length }).map((seps) => ts.map((t, i) => t + seps[i]).join('')));

const numbersOf = (t: string) => new Set([...t.matchAll(/\d+(?:\.\d+)?/g)].map((m) => Number(m[0])));

describe('sentence parser properties', () => {
  it('never throws, and every number it reports occurs in the text', () => {
    fc.assert(fc.property(text, fc.option(fc.integer({ min: 2560, max: 2570 }), { nil: null }), (t, fy) => {
      const present = numbersOf(t);
      for (const p of parseOutcomeScores(t, fy)) {
        for (const v of [p.score, p.baselineScore, p.change].filter((x) => x !== null)) expect(present.has(Math.abs(v!.value))).toBe(true);
        for (const c of p.ambiguous?.candidates ?? []) expect(present.has(c.value)).toBe(true);
        for (const y of [p.year, p.baselineYear].filter((x): x is number => x !== null)) expect(y).toBeGreaterThanOrEqual(2540);
      }
    }), { numRuns: 2000 });
  });

  const score = fc.tuple(fc.integer({ min: 50, max: 99 }), fc.integer({ min: 0, max: 99 })).map(([a, b]) => `${a}.${String(b).padStart(2, '0')}`);
  const distractor = fc.constantFrom('ผ่านเกณฑ์ 85 คะแนน', 'อยู่ในอันดับที่ 4 จาก 21 หน่วยงาน', 'คะแนนเต็ม 100 คะแนน', 'ประชุม 3 ครั้ง', 'ค่าเป้าหมายร้อยละ 85', '');
  const yearWord = fc.constantFrom('ปี ', 'ปีงบประมาณ ', 'ปีงบประมาณ พ.ศ. ', 'ในปี ', 'ประจำปี ');
  const verb = fc.constantFrom('ได้ ', 'ได้คะแนน ', 'มีคะแนน ', 'มีคะแนนอยู่ที่ ', 'ได้รับ ');
  const join = fc.constantFrom(' ', ' และ', ' ส่วน', ', ', ' ขณะที่');

  it('on composed phrasings, returns the right score, baseline and years, or abstains', () => {
    fc.assert(fc.property(score, score, fc.integer({ min: 2564, max: 2568 }), yearWord, yearWord, verb, verb, join, distractor, distractor, fc.boolean(),
      (s, bs, y, yw1, yw2, v1, v2, j, d1, d2, currentFirst) => {
        fc.pre(s !== bs);
        const b = y - 1;
        const cur = `${yw1}${y} ${v1}${s} คะแนน`;
        const base = `${yw2}${b} ${v2}${bs} คะแนน`;
        const sentence = [`ด้านการใช้งบประมาณ ${d1}`, currentFirst ? cur : base, j, d2, currentFirst ? base : cur].join(' ').replace(/\s+/g, ' ');
        const p = parseScoreSentence(sentence, null, 0, 2568);
        expect(p).not.toBeNull();
        if (p!.ambiguous) {
          expect(p!.score).toBeNull();
          return;
        }
        expect([p!.score?.text, p!.year, p!.baselineScore?.text ?? null, p!.baselineYear]).toEqual([s, y, bs, b]);
      }), { numRuns: 1500 });
  });

  it('a single stated score with distractors around it is read, never a distractor', () => {
    fc.assert(fc.property(score, fc.integer({ min: 2564, max: 2568 }), yearWord, verb, distractor, distractor, (s, y, yw, v, d1, d2) => {
      const sentence = `ตัวชี้วัดการใช้อำนาจ ${d1} ${yw}${y} ${v}${s} คะแนน ${d2}`.replace(/\s+/g, ' ');
      const p = parseScoreSentence(sentence, null, 0, 2568);
      expect(p?.ambiguous ?? null).toBeNull();
      expect([p?.score?.text, p?.year]).toEqual([s, y]);
    }), { numRuns: 1000 });
  });
});
