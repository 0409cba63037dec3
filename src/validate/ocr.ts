/**
 * Values read by OCR stand unflagged only when they are confirmed; everything else is kept as read and flagged
 * EXTRACTION_LOW_CONFIDENCE on its measure (or summary indicator) and field, with the box to look at.
 *
 * A number read from a scan is confirmed when the digit reader read every glyph of it and
 *  - its two readings agree (tesseract's and the digit reader's, two different methods), or
 *  - the report's own arithmetic holds on it: score − baseline = the stated change, all three read in full; a
 *    measure's score equals the summary's score for the same indicator where that one was read alike by both;
 *    a year is the one most records give, plausible for the report, and read alike by both somewhere,
 * and no check found it inconsistent. A report whose numbers disagree with each other through a scan may be our
 * misreading, not the agency's mistake: a document-error flag about a value that is not confirmed is replaced by
 * the low-confidence flag (which says what did not add up), so OCR never accuses an agency of an error it read in.
 * A number on a scan that looks like a score (12.34, 100) but that no score was read from means the words around
 * it were misread: it is raised as SCORE_AMBIGUOUS on the measure whose row holds it (or the report), so a score
 * the parser could not see on a scan is still pointed at.
 * The text (agency, titles, actions) is read by tesseract alone: a report with OCR'd pages carries one
 * EXTRACTION_LOW_CONFIDENCE on its text with those pages.
 */
import { heldReading, numberValue, readingsAgree, type OcrInfo, type OcrNumber, type Provenance, type ScoreField as Field } from '../model/document.ts';
import type { Flag, Measure } from '../model/extraction-result.ts';
import type { FlagCode } from '../model/flags.ts';
import type { Message } from '../model/result.ts';
import type { ScoreRecord } from '../model/score-record.ts';
import { fieldProvenance, flag, targetOf, whereLabel } from './flag.ts';

const FIELDS: Field[] = ['score', 'baselineScore', 'reportedChange', 'year', 'baselineYear'];
const FIELD_TH: Record<Field, string> = { score: 'คะแนน', baselineScore: 'คะแนนปีฐาน', reportedChange: 'ผลต่างที่รายงาน', year: 'ปีของคะแนน', baselineYear: 'ปีฐาน' };

/** The fields each document-error check speaks about. */
const CONCERNS: Partial<Record<FlagCode, Field[]>> = {
  CHANGE_MISMATCH: ['score', 'baselineScore', 'reportedChange'],
  CHANGE_DIRECTION_MISMATCH: ['score', 'baselineScore', 'reportedChange'],
  SUMMARY_MISMATCH: ['score', 'reportedChange'],
  SCORE_OUT_OF_RANGE: ['score', 'baselineScore'],
  YEAR_LABEL_INCONSISTENT: ['year', 'baselineYear'],
  YEAR_AFTER_REPORT: ['year'],
  BASELINE_NOT_EARLIER: ['year', 'baselineYear'],
};

const overlaps = (a: [number, number, number, number], b: [number, number, number, number], tol = 1) =>
  a[0] <= b[2] + tol && b[0] <= a[2] + tol && a[1] <= b[3] + tol && b[1] <= a[3] + tol;

interface Reading { tokens: OcrNumber[]; complete: boolean; agree: boolean; prov: Provenance }

function readingOf(s: ScoreRecord, field: Field, ocr: OcrInfo): Reading | null {
  const prov = fieldProvenance(s, field);
  const box = s.provenance.fields?.[field];
  if (!box?.bbox || box.page === null || !ocr.pages.includes(box.page)) {
    // Read from a page with a text layer, or with no box of its own: not an OCR'd value (or not locatable).
    return prov.page !== null && ocr.pages.includes(prov.page) ? { tokens: [], complete: false, agree: false, prov } : null;
  }
  const tokens = ocr.numbers.filter((n) => n.page === box.page && overlaps(n.bbox, box.bbox!));
  return {
    tokens,
    complete: tokens.length > 0 && tokens.every((t) => t.used === 'second'),
    agree: tokens.length > 0 && tokens.every(readingsAgree),
    prov,
  };
}

const sameTarget = (f: Flag, s: ScoreRecord) => f.target.measureNo === s.measureNo && (f.target.indicatorNo === s.indicator.no || f.target.indicatorNo === null);

export function checkOcrValues(scores: ScoreRecord[], ocr: OcrInfo | undefined, raised: Flag[], fiscalYear: number | null): { add: Flag[]; drop: Flag[] } {
  if (!ocr?.pages.length) return { add: [], drop: [] };
  const add: Flag[] = [];
  const drop = new Set<Flag>();
  const readings = scores.map((s) => Object.fromEntries(FIELDS.filter((f) => s[f] !== null).map((f) => [f, readingOf(s, f, ocr)])) as Partial<Record<Field, Reading | null>>);
  const complete = (i: number, f: Field) => readings[i][f]?.complete ?? true; // a value not read by OCR stands as read
  const majority = (f: Field) => {
    const counts = new Map<number, number>();
    for (const s of scores) if (s[f] !== null) counts.set(s[f] as number, (counts.get(s[f] as number) ?? 0) + 1);
    return counts;
  };
  const years = { year: majority('year'), baselineYear: majority('baselineYear') };
  const anchored = (v: number) => ocr.numbers.some((n) => readingsAgree(n) && numberValue(n.second) === String(v));

  scores.forEach((s, i) => {
    const concerning = raised.filter((f) => sameTarget(f, s) && CONCERNS[f.code]);
    const arithmeticHolds = s.score !== null && s.baselineScore !== null && s.reportedChange !== null
      && complete(i, 'score') && complete(i, 'baselineScore') && complete(i, 'reportedChange')
      && !concerning.some((f) => f.code === 'CHANGE_MISMATCH' || f.code === 'CHANGE_DIRECTION_MISMATCH');
    // The same score read at another place confirms it only when that reading is itself certain (both readers
    // agree, or no OCR): a misreading the digit reader makes for one glyph would repeat at both places.
    const counterpart = scores.findIndex((o, j) => j !== i && o.origin !== s.origin && o.indicator.no !== null && o.indicator.no === s.indicator.no && o.score === s.score
      && (readings[j].score ? readings[j].score!.agree : true));
    const confirmedBy = (f: Field): string | null => {
      if ((f === 'score' || f === 'baselineScore' || f === 'reportedChange') && arithmeticHolds) return 'คะแนน − คะแนนปีฐาน = ผลต่างที่รายงาน';
      if (f === 'score' && counterpart >= 0) return 'ตรงกับคะแนนเดียวกันอีกแห่งในรายงาน';
      if (f === 'year' || f === 'baselineYear') {
        // The year most records give, within five years before the report, and read alike by both readers
        // somewhere in the report (a glyph the digit reader confuses would make every year the same wrong one).
        const v = s[f] as number;
        const n = years[f].get(v) ?? 0;
        const top = Math.max(...years[f].values());
        const plausible = fiscalYear === null || (v <= fiscalYear && v >= fiscalYear - 5);
        if (n >= 2 && n === top && plausible && anchored(v)) return 'ตรงกับปีของรายการอื่น';
      }
      return null;
    };
    const unsure: Array<{ field: Field; r: Reading; why: string }> = [];
    for (const f of FIELDS) {
      const r = readings[i][f];
      if (!r) continue;
      const contradicted = concerning.filter((x) => CONCERNS[x.code]!.includes(f));
      if (!r.tokens.length) unsure.push({ field: f, r, why: 'หาตำแหน่งตัวเลขบนภาพไม่พบ' });
      else if (!r.complete) unsure.push({ field: f, r, why: 'อ่านตัวเลขบางหลักไม่ออก' });
      else if (contradicted.length && !r.agree) unsure.push({ field: f, r, why: 'ตัวเลขที่อ่านได้ไม่สอดคล้องกับค่าอื่นในรายงาน และการอ่านสองครั้งไม่ตรงกัน' });
      else if (!r.agree && !confirmedBy(f)) unsure.push({ field: f, r, why: 'การอ่านสองครั้งไม่ตรงกัน และไม่มีค่าอื่นในรายงานยืนยัน' });
    }
    for (const u of unsure) {
      const shown = u.r.tokens.map((t) => (t.first === t.second ? `«${t.first}»` : `«${t.second || '?'}» / «${t.first}»`)).join(', ');
      const conf = u.r.tokens.length ? Math.min(...u.r.tokens.map((t) => t.confidence)) : null;
      add.push(flag('EXTRACTION_LOW_CONFIDENCE', targetOf(s, u.field),
        `${whereLabel(s)} ${FIELD_TH[u.field]} ${s[u.field]} อ่านจากภาพสแกนด้วย OCR${shown ? ` (อ่านได้ ${shown})` : ''}: ${u.why} — ตรวจกับภาพต้นฉบับ`,
        { evidence: [{ ...u.r.prov, ...(conf !== null ? { confidence: conf } : {}) }] }));
    }
    // A document-error flag that rests on an unconfirmed reading is ours to doubt, not the agency's error.
    const doubted = new Set(unsure.map((u) => u.field));
    for (const x of concerning) if (CONCERNS[x.code]!.some((f) => doubted.has(f))) drop.add(x);
    // Provenance: the lowest OCR confidence of the numbers the score was read from.
    const confs = Object.values(readings[i]).flatMap((r) => r?.tokens.map((t) => t.confidence) ?? []);
    if (confs.length) s.provenance.confidence = Math.min(...confs);
  });
  return { add, drop: [...drop] };
}

/**
 * One flag for the text of OCR'd pages: names and titles read by tesseract alone (1.4–6% of letters wrong), with
 * what the word check found damaged on those pages.
 */
export function checkOcrText(ocr: OcrInfo | undefined, messages: Message[] = []): Flag[] {
  if (!ocr?.pages.length) return [];
  const damaged = messages.filter((m) => m.code === 'TEXT_DAMAGED' && ocr.pages.includes(m.where?.page ?? -1));
  const examples = damaged.length ? ` พบข้อความที่อ่านผิดรูป ${damaged.length} แห่ง (เช่น ${damaged.slice(0, 2).map((m) => m.text).join('; ')})` : '';
  return [{
    ...flag('EXTRACTION_LOW_CONFIDENCE', { field: 'text' },
      `ข้อความในหน้า ${ocr.pages.join(', ')} อ่านจากภาพสแกนด้วย OCR: ชื่อหน่วยงาน ชื่อมาตรการ และข้อความอื่นอาจสะกดผิด ควรตรวจกับภาพต้นฉบับ (ตัวเลขตรวจแยกทีละค่า)${examples}`,
      { evidence: damaged.slice(0, 10).map((m) => m.where) }),
    pages: ocr.pages,
  }];
}

/**
 * The fiscal year of a report whose first page is a scan stands when both readings agree on it somewhere in the
 * report (the digit reader reading it twice is not enough: a glyph it confuses would repeat).
 */
export function checkOcrFiscalYear(fiscalYear: number | null, ocr: OcrInfo | undefined): Flag[] {
  if (!ocr?.headerOcr || fiscalYear === null) return [];
  if (ocr.numbers.some((n) => readingsAgree(n) && numberValue(n.second) === String(fiscalYear))) return [];
  const near = ocr.numbers.filter((n) => /^\d{4}$/.test(numberValue(heldReading(n))) && n.page <= Math.min(...ocr.pages) + 1).slice(0, 3);
  return [flag('EXTRACTION_LOW_CONFIDENCE', { field: 'fiscalYear' },
    `ปีงบประมาณ ${fiscalYear} อ่านจากภาพสแกนด้วย OCR และไม่มีการอ่านที่ยืนยันค่านี้ — ตรวจกับภาพต้นฉบับ`,
    { evidence: near.map((n) => ({ page: n.page, bbox: n.bbox, text: n.first, confidence: n.confidence })) })];
}

const SCORE_LIKE = /^(?:\d{1,2}\.\d{1,2}|100(?:\.0{1,2})?)$/;

/** The measure whose table row holds a point: the last measure title at or above it, in reading order. */
function measureAt(measures: Measure[], page: number, y: number): Measure | null {
  let found: Measure | null = null;
  for (const m of measures) {
    const p = m.provenance;
    if (p.page === null || !p.bbox) continue;
    if (p.page < page || (p.page === page && p.bbox[1] <= y + 2)) found = m;
  }
  return found;
}

/** Score-like numbers on scanned pages that no score was read from (see the header). */
export function checkOcrUnplacedScores(scores: ScoreRecord[], measures: Measure[], ocr: OcrInfo | undefined, raised: Flag[]): { add: Flag[]; drop: Flag[] } {
  if (!ocr?.pages.length) return { add: [], drop: [] };
  const used: Array<{ page: number | null; bbox: Provenance['bbox'] }> = scores.flatMap((s) => Object.values(s.provenance.fields ?? {}));
  const groups = new Map<number | null, OcrNumber[]>();
  // Boxes the parser's own ambiguity flags already point at.
  const pointed = raised.filter((f) => f.code === 'SCORE_AMBIGUOUS').flatMap((f) => f.evidence ?? []);
  for (const n of ocr.numbers) {
    const v = numberValue(heldReading(n));
    if (!SCORE_LIKE.test(v)) continue;
    if ([...used, ...pointed].some((u) => u.page === n.page && u.bbox && overlaps(u.bbox, n.bbox))) continue;
    const m = n.inTable ? measureAt(measures, n.page, n.bbox[1]) : null;
    const key = m?.no ?? null;
    groups.set(key, [...(groups.get(key) ?? []), n]);
  }
  const add: Flag[] = [];
  const drop: Flag[] = [];
  for (const [measureNo, ns] of groups) {
    // Already pointed at by the parser's own ambiguity flag on that measure.
    if (measureNo !== null && raised.some((f) => f.code === 'SCORE_AMBIGUOUS' && f.target.measureNo === measureNo)) continue;
    // "The measure states no score" is our misreading when a score-like number stands in its row.
    if (measureNo !== null) drop.push(...raised.filter((f) => f.code === 'MISSING_SCORE' && f.target.measureNo === measureNo));
    const shown = ns.map((n) => `«${heldReading(n)}» (หน้า ${n.page})`).join(', ');
    add.push(flag('SCORE_AMBIGUOUS', { measureNo, field: 'score' },
      `${measureNo !== null ? `มาตรการที่ ${measureNo}` : 'ในรายงาน'} มีตัวเลขคล้ายคะแนน ${shown} บนภาพสแกน แต่อ่านข้อความรอบตัวเลขไม่ได้พอจะบอกว่าเป็นคะแนนของตัวชี้วัดใด — ตรวจกับภาพต้นฉบับ`,
      { evidence: ns.map((n) => ({ page: n.page, bbox: n.bbox, text: n.first, confidence: n.confidence })) }));
  }
  return { add, drop };
}
