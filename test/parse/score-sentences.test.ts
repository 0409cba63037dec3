import { describe, expect, it } from 'vitest';
import { parseOutcomeScores, parseScoreSentence } from '../../src/parse/score-sentences.ts';
import { parseSummaryLines } from '../../src/parse/summary-lines.ts';
import { findYears } from '../../src/parse/years.ts';

type Expect = { year: number | null; score: number; baselineYear: number | null; baselineScore: number | null; change: number | null; indicator?: number | null };

const cases: Array<[string, Expect, string]> = [
  [
    'ปรากฏว่าในปีงบประมาณ พ.ศ. 2568 อบต.ละหานทราย ได้ 99.56 คะแนน ซึ่งในปีงบประมาณ พ.ศ.2566 ได้ 78.01 คะแนน โดยเพิ่มขึ้น 19.6 คะแนน',
    { year: 2568, score: 99.56, baselineYear: 2566, baselineScore: 78.01, change: 19.6 },
    'the seed phrasing',
  ],
  [
    'ในส่วนของการใช้อำนาจ คะแนนเพิ่มขึ้นจาก 80.50 เป็น 91.25 คะแนน ในปี 2567',
    { year: 2567, score: 91.25, baselineYear: null, baselineScore: 80.5, change: null, indicator: 3 },
    'จาก … เป็น …: the later number is the current score',
  ],
  [
    'ผลการประเมิน ITA ปี 2567 ตัวชี้วัดการปฏิบัติหน้าที่ ได้คะแนน 88.40 ลดลง 2.5 คะแนน เมื่อเทียบกับปี 2566 ที่ได้ 90.90 คะแนน',
    { year: 2567, score: 88.4, baselineYear: 2566, baselineScore: 90.9, change: -2.5, indicator: 1 },
    'ลดลง is a negative change; เทียบกับ marks the baseline',
  ],
  [
    'ปีงบประมาณ 67 การเปิดเผยข้อมูล ได้ร้อยละ 94.17',
    { year: 2567, score: 94.17, baselineYear: null, baselineScore: null, change: null, indicator: 9 },
    'a two-digit fiscal year and ร้อยละ',
  ],
  [
    'ITA 2566 การป้องกันการทุจริต 100%',
    { year: 2566, score: 100, baselineYear: null, baselineScore: null, change: null, indicator: 10 },
    'ITA year label and a percent sign',
  ],
  [
    'เผยแพร่แผนการใช้จ่ายงบประมาณทางเว็บไซต์ ผลการประเมินปี 2567 ในส่วนของการใช้อำนาจ ได้ 96.10 คะแนน',
    { year: 2567, score: 96.1, baselineYear: null, baselineScore: null, change: null, indicator: 3 },
    'a name in passing (การใช้จ่ายงบประมาณ) loses to the one after ในส่วนของ',
  ],
  [
    'ปฏิบัติตาม พ.ร.บ.การจัดซื้อจัดจ้างฯ พ.ศ. 2560 ผลการประเมินปี 2567 ได้ 95.00 คะแนน',
    { year: 2567, score: 95, baselineYear: null, baselineScore: null, change: null },
    'the year of a law is not a score year',
  ],
];

describe('parseScoreSentence', () => {
  it.each(cases)('%s', (text, e) => {
    const p = parseScoreSentence(text, null)!;
    expect(p).not.toBeNull();
    expect({ year: p.year, score: p.score?.value, baselineYear: p.baselineYear, baselineScore: p.baselineScore?.value ?? null, change: p.change?.value ?? null })
      .toEqual({ year: e.year, score: e.score, baselineYear: e.baselineYear, baselineScore: e.baselineScore, change: e.change });
    if (e.indicator !== undefined) expect(p.indicator?.indicator.no ?? null).toBe(e.indicator);
  });

  it('returns null for text without a score', () => {
    expect(parseScoreSentence('จัดอบรมให้ความรู้แก่เจ้าหน้าที่ จำนวน 2 ครั้ง ผู้เข้าร่วม 45 คน')).toBeNull();
  });

  it('keeps the written precision of the change for the rounding check', () => {
    expect(parseScoreSentence('ได้ 99.56 คะแนน ซึ่งในปี 2566 ได้ 78.01 คะแนน เพิ่มขึ้น 19.6 คะแนน')!.change).toMatchObject({ value: 19.6, decimals: 1 });
  });
});

describe('parseOutcomeScores', () => {
  it('splits an outcome that reports two indicators', () => {
    const s = parseOutcomeScores('ปีงบประมาณ 2567 การใช้งบประมาณ ได้ 95.10 คะแนน และการใช้อำนาจ ได้ 97.20 คะแนน', 2568);
    expect(s.map((x) => [x.indicator?.indicator.no, x.score?.value, x.year])).toEqual([[2, 95.1, 2567], [3, 97.2, 2567]]);
  });
});

describe('parseSummaryLines', () => {
  it('reads the stated number, name, score and change of each line', () => {
    const lines = parseSummaryLines(
      'จะเห็นได้ว่า คะแนนรายตัวชี้วัดที่ 2 การใช้งบประมาณ มีคะแนนอยู่ที่ 97.68 คะแนน เพิ่มขึ้น 19.67 คะแนน\nคะแนนรายตัวชี้วัดที่ 6 ประสิทธิภาพการสื่อสาร มีคะแนนอยู่ที่ 98.83 คะแนน เพิ่มขึ้น 23.87 คะแนน',
      2568,
    );
    expect(lines.map((l) => [l.statedNo, l.indicator?.indicator.no, l.score?.value, l.change?.value, l.year])).toEqual([
      [2, 2, 97.68, 19.67, null],
      [6, 7, 98.83, 23.87, null],
    ]);
  });

  it('gives no score for a summary line without numbers', () => {
    expect(parseSummaryLines('คะแนนรายตัวชี้วัดที่ 2 การใช้งบประมาณ มีคะแนนเพิ่มขึ้นจากปีที่ผ่านมา', 2568)).toEqual([]);
  });
});

describe('findYears', () => {
  it.each([
    ['ประจำปีงบประมาณ พ.ศ. 2568', [2568]],
    ['ปีงบ 69', [2569]],
    ['ปี 67', [2567]],
    ['พ.ร.บ.การจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ พ.ศ. 2560', []],
    ['แผนพัฒนาท้องถิ่น ปี 2566-2570', []],
    ['ITA AWARDS 2024', []],
  ])('%s → %j', (text, years) => {
    expect(findYears(text).map((y) => y.year)).toEqual(years);
  });
});
