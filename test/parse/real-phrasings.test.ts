/**
 * Sentences as Thai agencies and the press publish them (found with the project's search tool in stored copies of
 * public pages; quoted short, with their address), and the seed report's own lines. For each, what a careful reader
 * takes from it: the score and the years, or "no score" for ranks, pass marks, counts, national averages, shares.
 * Text is normalised first (Thai digits, wrap spaces) exactly as the pipeline does.
 */
import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../src/normalize/index.ts';
import { findFiscalYear } from '../../src/parse/report-header.ts';
import { parseOutcomeScores } from '../../src/parse/score-sentences.ts';
import { parseSummaryLines } from '../../src/parse/summary-lines.ts';

interface Reading {
  score: number;
  year?: number | null;
  baselineScore?: number | null;
  baselineYear?: number | null;
  change?: number | null;
  direction?: 'up' | 'down' | null;
  indicator?: number;
}
type Case = [source: string, text: string, expected: Reading | 'no score'];

const SEED = 'fixtures/seed/laharnsai-2568.mixed.txt (อบต.ละหานทราย, a real report)';
const MOE = 'https://moe-data.wordpressthai.org/ (ผลการประเมินคุณธรรมและความโปร่งใส ITA พ.ศ. 2561)';
const NACC64 = 'https://online.anyflip.com/qxtmp/cuda/files/basic-html/page111.html (รายงาน ITA 2564 กลุ่ม 6)';

const OUTCOMES: Case[] = [
  ['https://sueksaphao.com/2022/08/05/ita/', 'มีผลการประเมินอยู่ในระดับ A ด้วยคะแนน 91.16 ซึ่งเพิ่มขึ้นจากปีที่ผ่านมา', { score: 91.16, baselineScore: null, change: null, direction: 'up' }],
  [MOE, 'โดยภาพรวมได้คะแนน เท่ากับร้อยละ 86.50 ถือว่ามีคุณธรรมและความโปร่งใสในการดําเนินงานอยู่ในระดับ “สูงมาก”', { score: 86.5 }],
  [MOE, '1) ดัชนีความโปร่งใส ได้คะแนนเท่ากับร้อยละ 87.62 อยู่ในระดับสูงมาก', { score: 87.62 }],
  [MOE, '2) ดัชนีความพร้อมรับผิด ได้คะแนนเท่ากับร้อยละ 92.27 อยู่ในระดับสูงมาก', { score: 92.27 }],
  [MOE, '5) ดัชนีคุณธรรมการทํางานในหน่วยงาน ได้คะแนนเท่ากับร้อยละ 66.79 อยู่ในระดับสูง', { score: 66.79 }],
  ['https://www.xn--12ca0ezbc4ai2ee1bzl.com/01/08/2022/ita-ปี-2565/', 'สพฐ.คว้าอันดับหนึ่งขององค์กรหลักในการประเมิน ITA ปี 2565 ด้วยคะแนน 98.32 ระดับ AA', { score: 98.32, year: 2565 }],
  ['https://www.xn--12ca0ezbc4ai2ee1bzl.com/01/08/2022/ita-ปี-2565/', 'ตามที่หน่วยงานภาครัฐทั่วประเทศ จำนวน 8,303 ได้เข้าร่วมการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ', 'no score'],
  ['https://www.nsm.or.th/nsm/th/node/54364', 'อพวช. คว้าที่ 1 กระทรวง อว. 3 ปีซ้อน ประเมินคุณธรรม-ความโปร่งใสของ ป.ป.ช. ด้วย 97.29 คะแนน', { score: 97.29 }],
  ['https://www.nsm.or.th/nsm/th/node/54364', 'ซึ่ง อพวช. ได้คะแนนจากการประเมินทั้งสิ้น 97.29 คะแนน อยู่ในระดับผ่านดี โดยเป็นอันดับที่ 1 ของหน่วยงาน', { score: 97.29 }],
  ['https://www.nsm.or.th/nsm/th/node/54364', 'คว้ารางวัลอันดับ 1 จากการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยภาครัฐ (ITA) ประจำปีงบประมาณ พ.ศ.2566 ต่อเนื่องเป็นปีที่ 3', 'no score'],
  ['https://www.prd.go.th/th/content/category/detail/id/87/iid/595', 'กรมประชาสัมพันธ์ผ่านการประเมินค่า (ITA) ด้วยคะแนนเฉลี่ย 86.48 ตามประกาศการประเมินคุณธรรมและความโปร่งใส', { score: 86.48 }],
  ['https://www.prd.go.th/th/content/category/detail/id/87/iid/595', 'กรมประชาสัมพันธ์ทำคะแนนได้ 86.48 อยู่ในอันดับที่ 14 จาก 26 หน่วยงานสังกัดสำนักนายกรัฐมนตรี และเป็นอันดับที่ 908 ของประเทศ', { score: 86.48, baselineScore: null }],
  ['https://www.prd.go.th/th/content/category/detail/id/87/iid/595', 'โดยในปี พ.ศ. 2563 มีหน่วยงานภาครัฐที่เข้ารับการประเมินทั้งสิ้น 8303 หน่วยงาน', 'no score'],
  ['https://www.matichon.co.th/politics/news_5328750', 'สตง. ยืน 1 ความโปร่งใส กลุ่มองค์กรอิสระ ผลการประเมิน ITA 94.64 คะแนน', { score: 94.64 }],
  ['https://www.matichon.co.th/politics/news_5328750', 'การประเมิน ITA ประจำปีงบประมาณ พ.ศ. 2568 มีหน่วยงานภาครัฐเข้าร่วมทั้งสิ้น 8,317 หน่วยงาน และมีผู้ตอบแบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียมากกว่า 1.35 ล้านความคิดเห็น', 'no score'],
  ['https://www.matichon.co.th/politics/news_5328750', 'โดยผลการประเมินภาพรวมระดับประเทศอยู่ที่ 93.82 คะแนน เพิ่มขึ้นจากปีก่อน 0.77 คะแนน', 'no score'],
  ['https://www.matichon.co.th/politics/news_5328750', 'โดยมีหน่วยงานที่คะแนนผ่านเกณฑ์ จำนวน 7,832 หน่วยงาน คิดเป็น 94.17% ของหน่วยงานทั้งหมดที่เข้ารับการประเมิน ซึ่งเพิ่มขึ้นจากปีก่อน 1.73%', 'no score'],
  ['https://org.thaipbs.or.th/content/5949', 'ไทยพีบีเอส จัดอยู่ในระดับ "ผ่านดี" มีผลคะแนนที่ 95.81 คะแนน', { score: 95.81 }],
  ['https://org.thaipbs.or.th/content/5949', 'ป.ป.ช. เปิดผลประเมิน "คุณธรรม - ความโปร่งใส" หน่วยงานรัฐปี 66 ไทยพีบีเอส "ผ่านดี" 95.81 คะแนน', { score: 95.81, year: 2566 }],
  ['https://org.thaipbs.or.th/content/5949', 'โดยจัดอยู่ในประเภทหน่วยงานอื่นของรัฐ จากทั้งหมด 17 หน่วยงาน คะแนนเฉลี่ย 92.67 คะแนน ซึ่งถือว่าดีกว่าค่าเฉลี่ย 3.14 คะแนน', 'no score'],
  [NACC64, 'ทั้งนี้มีจำนวน 9 ตัวชี้วัดที่มีคะแนนสูงกว่า 85 คะแนน', 'no score'],
  [NACC64, 'ตัวชี้วัดที่ 10 เป็นตัวชี้วัดที่จะต้องให้ความสำคัญในการแก้ไขปรับปรุง เพราะเป็นตัวชี้วัดเดียวที่มีคะแนนต่ำกว่า 85 คะแนน', 'no score'],
  ['https://lamphuncity.go.th/47314/', 'เทศบาลเมืองลำพูน รับประกาศนียบัตรเชิดชูเกียรติหน่วยงาน ที่มีผลการประเมินคุณธรรมและความโปร่งใส (ITA) ประจำปี 2564 ในระดับ A', 'no score'],
  ['https://lamphuncity.go.th/47314/', 'เมื่อวันที่ 9 ธันวาคม 2564 ณ ศาลาประชาคม ศาลากลางจังหวัดลำพูน', 'no score'],
  ['https://fliphtml5.com/ojvwu/exix/ (รายงาน ITA2564 กลุ่ม 9, หน้า 80)', 'ผลการประเมินระดับ AA ปีงบประมาณ พ.ศ. 2563 มีเพียง 1 หน่วยงาน ในขณะที่ปีงบประมาณ พ.ศ. 2564 เพิ่มขึ้นเป็น 50 หน่วยงาน', 'no score'],
  ['https://www.bangkokbiznews.com/politics/1018382', 'สำหรับหน่วยงานรัฐที่เข้าร่วมการประเมินมีจำนวนทั้งสิ้น 8,303 แห่ง จำนวนบุคลากรที่ร่วมประเมิน ทั้งเจ้าหน้าที่รัฐ และประชาชน จำนวน 1,300,132 ราย', 'no score'],
  ['https://www.bangkokbiznews.com/politics/1018382', '3 กระทรวงบ๊วย 9 จว.ไม่ถึง 50%', 'no score'],
  ['http://bpn.go.th/data_3976', 'โครงการ/กิจกรรม/มาตรการ และจำนวนงบประมาณที่ดำเนินการ 4 ปี (พ.ศ. 2561 – 2564)', 'no score'],
  ['https://www.matichon.co.th/politics/news_5328750', 'เมื่อวันที่ 18 สิงหาคม 2568 กรรมการ ป.ป.ช. กล่าวว่า การประเมิน ITA ประจำปีงบประมาณ พ.ศ. 2568 มีหน่วยงานภาครัฐเข้าร่วม', 'no score'],
  [SEED, 'ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) ของ อบต.ละหานทราย ประจำปีงบประมาณ ๒๕๖๘ ในส่วนของการใช้งบประมาณ ปรากฏว่าในปีงบประมาณ พ.ศ. ๒๕๖๘ อบต.ละหานทราย ได้ ๙๙.๕๖ คะแนน ซึ่งในปีงบประมาณ พ.ศ.๒๕๖๖ ได้ ๗๘.๐๑ คะแนน โดยเพิ่มขึ้น ๑๙.๖ คะแนน',
    { score: 99.56, year: 2568, baselineScore: 78.01, baselineYear: 2566, change: 19.6, direction: 'up', indicator: 2 }],
  [SEED, 'ผลการประเมินคุณธรรมและ ความโปร่งใสในการดำเนินงาน ของหน่วยงานภาครัฐ (ITA) ของ อบต.ละหานทราย ประจำปี งบประมาณ ๒๕๖๗ ในส่วนของ การใช้ทรัพย์สินของราชการ ปรากฏว่าในปีงบประมาณ พ.ศ. ๒๕๖๗ อบต.ละหานทราย ได้ ๙๗.๑๐ คะแนน ซึ่งในปี งบประมาณ พ.ศ.๒๕๖๖ ได้ ๗๓.๒๖ คะแนน โดยเพิ่มขึ้น ๒๓.๘๔ คะแนน',
    { score: 97.1, year: 2567, baselineScore: 73.26, baselineYear: 2566, change: 23.84, indicator: 4 }],
  [SEED, 'ในส่วนของการแก้ไข ปัญหาการทุจริต ปรากฏว่าใน ปีงบประมาณ พ.ศ. ๒๕๖๗ อบต. ละหานทราย ได้ ๙๘.๕๕ คะแนนซึ่ง ในปีงบประมาณ พ.ศ.๒๕๖๖ ได้ ๖๙.๙๖ คะแนน โดยเพิ่มขึ้น ๒๘.๕๙ คะแนน',
    { score: 98.55, year: 2567, baselineScore: 69.96, baselineYear: 2566, change: 28.59, indicator: 5 }],
  [SEED, 'ในส่วนของ ประสิทธิภาพการสื่อสาร ปรากฏว่าในปีงบประมาณ พ.ศ. ๒๕๖๗ อบต.ละหานทราย ได้ ๙๘.๘๓ คะแนนซึ่งในปีงบประมาณ พ.ศ. ๒๕๖๖ ได้ ๗๔.๙๖ คะแนน โดย เพิ่มขึ้น ๒๓.๘๗ คะแนน',
    { score: 98.83, year: 2567, baselineScore: 74.96, baselineYear: 2566, change: 23.87, indicator: 7 }],
  [SEED, 'ในส่วนของ การปรับปรุงระบบการทำงาน ปรากฏว่าในปีงบประมาณ พ.ศ. ๒๕๖๗ อบต.ละหานทราย ได้ ๙๖.๙๒ คะแนน ซึ่งในปีงบประมาณ พ.ศ.๒๕๖๖ ได้ ๗๑.๕๗ คะแนน โดย เพิ่มขึ้น ๒๕.๓๕ คะแนน',
    { score: 96.92, year: 2567, baselineScore: 71.57, baselineYear: 2566, change: 25.35, indicator: 8 }],
  [SEED, 'ผู้บริหารท้องถิ่นมีมาตรการกำกับ เน้นย้ำให้คณะกรรมการในการจัดหาพัสดุดำเนินการอย่างโปร่งใส รอบคอบ ถูกต้องตาม พ.ร.บ.การจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ พ.ศ. ๒๕๖๐', 'no score'],
  [SEED, '๑) เผยแพร่และประชาสัมพันธ์แนวทางการจัดทำงบประมาณรายจ่ายประจำปี ๒) สร้างกระบวนการให้บุคลากรภายในหน่วยงานเข้ามามีส่วนร่วมในการจัดทำแผนการดำเนินงาน', 'no score'],
];

const SUMMARY_LINES: Case[] = [
  [NACC64, 'ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่ 94.59', { score: 94.59, indicator: 1 }],
  [NACC64, 'ตัวชี้วัดที่ 2 การใช้งบประมาณ 90.11', { score: 90.11, indicator: 2 }],
  [NACC64, 'ตัวชี้วัดที่ 3 การใช้อำนาจ 92.79', { score: 92.79, indicator: 3 }],
  [SEED, 'จะเห็นได้ว่า คะแนนรายตัวชี้วัดที่ ๒ การใช้งบประมาณ มีคะแนนอยู่ที่ ๙๗.๖๘ คะแนน เพิ่มขึ้น ๑๙.๖๗ คะแนน', { score: 97.68, change: 19.67, indicator: 2 }],
  [SEED, 'คะแนนรายตัวชี้วัดที่ ๔ การใช้ทรัพยากรของทางราชการ มีคะแนนอยู่ที่ ๙๗.๑๐ คะแนน เพิ่มขึ้น ๒๓.๘๔ คะแนน', { score: 97.1, change: 23.84, indicator: 4 }],
  [SEED, 'คะแนนรายตัวชี้วัดที่ ๕ การแก้ไขปัญหาการทุจริต มีคะแนนอยู่ที่ ๙๘.๕๕ คะแนน เพิ่มขึ้น ๒๘.๕๙ คะแนน', { score: 98.55, change: 28.59, indicator: 5 }],
  [SEED, 'คะแนนรายตัวชี้วัดที่ ๖ ประสิทธิภาพการสื่อสาร มีคะแนนอยู่ที่ ๙๘.๘๓ คะแนน เพิ่มขึ้น ๒๓.๘๗ คะแนน', { score: 98.83, change: 23.87, indicator: 7 }],
  [SEED, 'คะแนนรายตัวชี้วัดที่ ๗ การปรับปรุงระบบการทำงาน มีคะแนนอยู่ที่ ๙๖.๙๒ คะแนน เพิ่มขึ้น ๒๕.๓๕ คะแนน', { score: 96.92, change: 25.35, indicator: 8 }],
];

const FISCAL_YEARS: Array<[string, string, number | null]> = [
  ['https://agri.vru.ac.th/th/?page=ITA', 'ตารางเพื่อทบทวน/ตรวจสอบการมีหลักฐานตามแบบ ตรวจการเปิดเผยข้อมูลสาธารณะ ประจำปีงบประมาณ 2567', 2567],
  ['https://kpi-lib.com/flippdf/kpiebook62009/files/basic-html/page174.html', 'รายงานวิจัยฉบับสมบูรณ์โครงการประเมินองค์กรปกครองส่วนท้องถิ่นเพื่อเข้ารับรางวัลพระปกเกล้า ประจำปี 2562', 2562],
  ['http://bpn.go.th/data_3976', 'โครงการ/กิจกรรม/มาตรการ และจำนวนงบประมาณที่ดำเนินการ 4 ปี (พ.ศ. 2561 – 2564)', null],
  ['https://lamphuncity.go.th/47314/', 'เมื่อวันที่ 9 ธันวาคม 2564 ณ ศาลาประชาคม ศาลากลางจังหวัดลำพูน', null],
  [SEED, 'ประจำปีงบประมาณ พ.ศ. ๒๕๖๘', 2568],
];

function check(found: ReturnType<typeof parseOutcomeScores>, expected: Reading | 'no score') {
  if (expected === 'no score') {
    // No score, and nothing left ambiguous either: the wording says what each number is.
    expect(found.map((f) => ({ score: f.score?.value ?? null, ambiguous: f.ambiguous?.why ?? null }))).toEqual([]);
    return;
  }
  expect(found.length).toBeGreaterThanOrEqual(1);
  const f = found[0];
  expect(f.ambiguous).toBeNull();
  expect(f.score?.value).toBe(expected.score);
  if (expected.year !== undefined) expect(f.year).toBe(expected.year);
  if (expected.baselineScore !== undefined) expect(f.baselineScore?.value ?? null).toBe(expected.baselineScore);
  if (expected.baselineYear !== undefined) expect(f.baselineYear).toBe(expected.baselineYear);
  if (expected.change !== undefined) expect(f.change?.value ?? null).toBe(expected.change);
  if (expected.direction !== undefined) expect(f.direction).toBe(expected.direction);
  if (expected.indicator !== undefined) expect(f.indicator?.indicator.no).toBe(expected.indicator);
}

describe('real phrasings from public Thai agency pages', () => {
  it('has at least 40 sentences', () => expect(OUTCOMES.length + SUMMARY_LINES.length).toBeGreaterThanOrEqual(40));

  it.each(OUTCOMES)('%s: %s', (_source, text, expected) => {
    check(parseOutcomeScores(normalizeText(text), 2568), expected);
  });

  it.each(SUMMARY_LINES)('summary line from %s: %s', (_source, text, expected) => {
    check(parseSummaryLines(normalizeText(text), 2568), expected);
  });

  it.each(FISCAL_YEARS)('fiscal year from %s: %s', (_source, text, year) => {
    expect(findFiscalYear(normalizeText(text))).toBe(year);
  });
});
