/**
 * Document model → report header, measures and scores. Parsing reads; it never corrects. Extra fields on a
 * score (`stated`, `indicator.match`) carry what the checks need: the numbers as written and how the name matched.
 */
import type { Cell, DocumentModel, Paragraph, Span } from '../model/document.ts';
import type { Measure, ReportInfo, Score } from '../model/extraction-result.ts';
import type { WordSegmenter } from '../normalize/segment-words.ts';
import { joinWrappedLines } from '../normalize/wrap-spaces.ts';
import { findIndicatorNames } from './indicators.ts';
import type { ScoreRecord } from '../model/score-record.ts';
import { parseActions, parseMeasureRows, type StructureNote } from './measures.ts';
import type { Message, Result } from '../model/result.ts';
import type { StatedNumber } from './numbers.ts';
import { agencyFrom, findFiscalYear, titleEnd } from './report-header.ts';
import { parseOutcomeScores, type ParsedScore } from './score-sentences.ts';
import { parseSummaryLines } from './summary-lines.ts';
import { textView, type TextView } from './text-view.ts';


export interface ParsedReport {
  report: ReportInfo;
  measures: Measure[];
  scores: ScoreRecord[];
  /** Whether a measures table was found at all (NO_MEASURES otherwise). */
  measuresTableFound: boolean;
  /** For each measure (same order), how many scores its outcome states. */
  scoresPerMeasure: number[];
  /** What could not be read with certainty in the measures table (STRUCTURE_UNCERTAIN). */
  structure: StructureNote[];
}

const TITLE_RE = /รายงานผล|มาตรการส่งเสริมคุณธรรม|ส่งเสริมคุณธรรมและความโปร่งใส/u;

function paragraphText(p: Paragraph, seg: WordSegmenter): string {
  return joinWrappedLines(p.spans, seg);
}

/**
 * Provenance of a score, with the box of each stated number (score, baseline, change, and the two years) under `fields` when the
 * format has geometry, so a reviewer sees the very number a flag is about.
 */
function provenanceOf(p: ParsedScore, view: TextView): Score['provenance'] {
  const prov = view.provAt(p.at, p.score?.text.length);
  if (prov.bbox) {
    const at = (offset: number | null, text: string | undefined) => {
      if (offset === null || !text) return undefined;
      const f = view.provAt(offset, text.replace(/^-/, '').length);
      return { page: f.page, bbox: f.bbox ?? null };
    };
    const span = (x: { at: number; len: number } | null | undefined) => {
      if (!x) return undefined;
      const f = view.provAt(x.at, x.len);
      return { page: f.page, bbox: f.bbox ?? null };
    };
    const fields = {
      score: at(p.at, p.score?.text), baselineScore: at(p.baselineAt, p.baselineScore?.text), reportedChange: at(p.changeAt, p.change?.text),
      year: span(p.yearSpan), baselineYear: span(p.baselineYearSpan),
    };
    prov.fields = Object.fromEntries(Object.entries(fields).filter(([, v]) => v));
  }
  return prov;
}

function toRecord(
  p: ParsedScore, origin: Score['origin'], measureNo: number | null, provenance: Score['provenance'],
  statedName: string | null = p.indicator?.statedName ?? p.unknownName,
): ScoreRecord {
  const num = (n: StatedNumber | null) => (n ? n.value : null);
  const record: ScoreRecord = {
    origin,
    measureNo,
    indicator: {
      no: p.indicator?.indicator.no ?? null,
      name: p.indicator?.indicator.name ?? null,
      statedNo: p.statedNo,
      statedName,
      match: p.indicator?.kind ?? null,
    },
    year: p.year,
    score: num(p.score),
    baselineYear: p.baselineYear,
    baselineScore: num(p.baselineScore),
    reportedChange: num(p.change),
    provenance,
    stated: { score: p.score?.text ?? null, baselineScore: p.baselineScore?.text ?? null, reportedChange: p.change?.text ?? null, direction: p.direction, changeUnit: p.changeUnit },
  };
  if (p.ambiguous) record.ambiguity = p.ambiguous;
  return record;
}

/**
 * The title: from the line that reads as a report title, joined with the lines after it (a title set over several
 * lines or paragraphs, as Word, PDFs and web pages give it) until it names its fiscal year; it ends with that
 * phrase. Lines, not paragraphs: a PDF may merge a site's navigation bar, or the address and introduction, into
 * the title's paragraph.
 */
function titleFrom(paragraphs: Paragraph[], seg: WordSegmenter): string | null {
  const lines = paragraphs.flatMap((p) => p.spans).filter((s) => s.text.trim());
  const i = lines.findIndex((l) => TITLE_RE.test(l.text.slice(0, 200)));
  if (i < 0) return null;
  let j = i;
  while (j + 1 < Math.min(lines.length, i + 5) && titleEnd(joinWrappedLines(lines.slice(i, j + 1), seg)) === null && lines[j + 1].text.length <= 160) j++;
  const title = joinWrappedLines(lines.slice(i, j + 1), seg);
  const end = titleEnd(title);
  if (end !== null) return title.slice(0, end);
  return title.length <= 300 ? title : null;
}

export function parseReport(doc: DocumentModel, seg: WordSegmenter): Result<ParsedReport> {
  const { rows, tableBlocks, notes } = parseMeasureRows(doc.blocks, seg);
  const messages: Message[] = [];
  const firstTable = rows.length ? Math.min(...tableBlocks) : doc.blocks.length;
  const paragraphs = doc.blocks
    .map((b, i) => ({ b, i }))
    .filter((x): x is { b: Paragraph; i: number } => x.b.kind === 'paragraph');
  const beforeParas = paragraphs.filter((p) => p.i < firstTable).map((p) => p.b);
  const before = beforeParas.map((p) => paragraphText(p, seg));

  const titleText = titleFrom(beforeParas, seg);
  const title = titleText?.replace(/\s+/g, ' ').trim() ?? null;
  const headerTexts = [...(title ? [title] : []), ...before];
  const fiscalYear = (title && findFiscalYear(title)) || before.slice(0, 8).map(findFiscalYear).find((y) => y !== null) || null;
  const agency = agencyFrom(headerTexts.length ? headerTexts : paragraphs.map((p) => paragraphText(p.b, seg)));

  const measures: Measure[] = [];
  const scores: ScoreRecord[] = [];
  const scoresPerMeasure: number[] = [];
  for (const r of rows) {
    const before = scores.length;
    measures.push({ no: r.no, title: r.title, summary: r.summary, actions: parseActions(r.summary), outcome: r.outcome, provenance: r.prov });
    // Scores are read from the outcome; when it states none, from the summary (two-column tables, or reports that
    // put the ITA result in the "what was done" column).
    let view = r.outcomeView;
    let parsedScores = parseOutcomeScores(view.text, fiscalYear);
    if (!parsedScores.length) {
      view = r.summaryView;
      parsedScores = parseOutcomeScores(view.text, fiscalYear);
    }
    for (const p of parsedScores) {
      let parsed = p;
      if (!p.indicator && !p.unknownName) {
        // No indicator named in the outcome: the measure's title often names it ("…ประสิทธิภาพการสื่อสาร…").
        const fromTitle = findIndicatorNames(r.title, p.year ?? fiscalYear);
        if (fromTitle.length === 1) parsed = { ...p, indicator: fromTitle[0] };
      }
      scores.push(toRecord(parsed, 'measure', r.no, provenanceOf(p, view)));
      noteNotScores(messages, p, view);
    }
    scoresPerMeasure.push(scores.length - before);
  }
  // Summary lines stand in paragraphs, or in a table of their own (indicator | score) after the measures table: each
  // row of such a table is read as one line.
  // A row split over two pages (the next table's first row with an empty last cell) is joined back first.
  const summaryRows: Cell[][] = [];
  let previous: Cell[] | null = null;
  doc.blocks.forEach((b, i) => {
    if (tableBlocks.has(i)) return;
    if (b.kind === 'paragraph') {
      summaryRows.push([{ spans: b.spans, prov: b.prov }]);
      previous = null;
      return;
    }
    b.rows.forEach((row, r) => {
      const prev: Cell[] | null = previous;
      if (r === 0 && prev && prev.length === row.length && row[row.length - 1].spans.every((sp) => !sp.text.trim())) {
        // Whether the page break fell inside a word is for the word list to say, as for measure rows.
        prev.forEach((c, k) => c.spans.push(...row[k].spans.map((sp, j) => (j === 0 ? { ...sp, wrapped: undefined } : sp))));
        return;
      }
      const copy = row.map((c) => ({ ...c, spans: [...c.spans] }));
      summaryRows.push(copy);
      previous = copy;
    });
  });
  const summarySources = summaryRows.map((cells) => cells.flatMap((c) => c.spans));
  for (const spans of summarySources) {
    const view = textView(spans, seg);
    for (const line of parseSummaryLines(view.text, fiscalYear)) {
      scores.push(toRecord(line, 'summary', null, provenanceOf(line, view), line.statedName));
      noteNotScores(messages, line, view);
    }
  }
  return {
    value: { report: { title, fiscalYear, agency }, measures, scores, measuresTableFound: rows.length > 0, scoresPerMeasure, structure: notes },
    messages,
  };
}

const REASON_TH: Record<string, string> = {
  'full-mark': 'คะแนนเต็ม', 'pass-mark': 'เกณฑ์หรือค่าเป้าหมาย', rank: 'อันดับ', ordinal: 'เลขลำดับ', count: 'จำนวน',
  money: 'จำนวนเงิน', share: 'สัดส่วน', scale: 'คะแนนในสเกลอื่น', weighted: 'น้ำหนักหรือคะแนนถ่วงน้ำหนัก',
  'group-average': 'ค่าเฉลี่ยของกลุ่มหรือประเทศ', satisfaction: 'ผลสำรวจหรืออัตรา', 'not-ita': 'ร้อยละที่ไม่ใช่ผล ITA',
  'older-year': 'คะแนนของปีที่เก่ากว่าปีเปรียบเทียบ', date: 'วันที่', large: 'ตัวเลขจำนวนมาก', 'year-like': 'ปี',
};

/** Score-like numbers read as something else are not dropped silently: each is a message with its reason. */
function noteNotScores(messages: Message[], p: ParsedScore, view: TextView): void {
  for (const n of p.notScores) {
    messages.push({ code: 'NUMBER_NOT_SCORE', severity: 'info', text: `${n.text}: ${REASON_TH[n.reason] ?? n.reason} (${n.reason})`, where: view.provAt(n.at, n.text.length) });
  }
}
