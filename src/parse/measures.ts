/**
 * The measures table: columns found by their header wording (มาตรการ/กิจกรรม | สรุปผลการดำเนินการ |
 * ผลลัพธ์หรือความสำเร็จ, sometimes a ที่ column), header rows repeated at page breaks dropped, a row split across
 * pages merged back into its measure, numbered sub-items ๑) ๒) read as actions.
 */
import type { Block, Cell, GridCell, Provenance, Span, Table } from '../model/document.ts';
import type { WordSegmenter } from '../normalize/segment-words.ts';
import { joinWrappedLines } from '../normalize/wrap-spaces.ts';
import { findIndicatorNames, levenshtein } from './indicators.ts';
import { textView, type TextView } from './text-view.ts';

export type ColumnRole = 'no' | 'title' | 'summary' | 'outcome';

export interface MeasureRow {
  no: number | null;
  title: string;
  summary: string;
  outcome: string;
  /** The outcome cell's spans, for score provenance. */
  outcomeView: TextView;
  /** The summary cell's spans: some reports state the score there (or have no outcome column). */
  summaryView: TextView;
  prov: Provenance;
  block: number;
}

const squeezeText = (c: Cell) => c.spans.map((s) => s.text).join('').replace(/\s+/g, '');
/** The text of some cells, their lines joined with spaces. */
const cellsText = (cells: Cell[]) => cells.flatMap((c) => c.spans.map((sp) => sp.text)).join(' ');

/** The role of a header cell, from its wording; null when it is not a measures-table header. */
export function headerRole(text: string): ColumnRole | null {
  const t = text.replace(/\s+/g, '');
  // Header cells are short labels; a long cell or one starting with a number is a measure row.
  if (t.length > 150 || /^\(?\d/.test(t)) return null;
  if (/^(?:ที่|ลำดับ(?:ที่)?|ข้อ|no\.?)$/iu.test(t)) return 'no';
  if (/ผลลัพธ์|ความสำเร็จ|ผลที่ได้รับ|ผลการประเมิน/u.test(t)) return 'outcome';
  if (/^สรุป|ผลการดำเนินการ|ผลการดำเนินงาน|การดำเนินการ$|รายละเอียด/u.test(t)) return 'summary';
  if (/มาตรการ|กิจกรรม|โครงการ/u.test(t)) return 'title';
  return null;
}

function rolesOf(row: Cell[]): ColumnRole[] | null {
  const roles = row.map((c) => headerRole(squeezeText(c)));
  const has = (r: ColumnRole) => roles.includes(r);
  if (!has('title') || !(has('summary') || has('outcome'))) return null;
  if (roles.filter((r) => r === null).length > 1) return null;
  return roles.map((r) => r ?? 'summary');
}

/** Roles by position for a table without a header: [no], title, summary, outcome. */
function defaultRoles(width: number): ColumnRole[] | null {
  if (width === 3) return ['title', 'summary', 'outcome'];
  if (width === 4) return ['no', 'title', 'summary', 'outcome'];
  return null;
}

const MEASURE_NO = /^\s*(?:ข้อ|มาตรการที่)?\s*\(?(\d{1,2})(?:\s*[.)](?!\d)|\s+(?=[\u0E01-\u0E4E]))\s*/u;

export function leadingNumber(s: string): { no: number; rest: string } | null {
  const m = MEASURE_NO.exec(s);
  return m ? { no: Number(m[1]), rest: s.slice(m[0].length) } : null;
}

interface RawRow {
  cells: Cell[];
  block: number;
}

/** Something about the table that could not be read with certainty (STRUCTURE_UNCERTAIN downstream). */
export interface StructureNote {
  /** Measures involved (their numbers when known). */
  measures: Array<number | null>;
  message: string;
  where: Provenance;
}

/**
 * Similarity of two rows' texts (0..1): 1 − edit distance / length, over the squeezed cells joined. Exact from 0.5
 * up (the only thresholds used are 0.5 and 0.8); below that, some value below 0.5.
 */
export function rowSimilarity(a: Cell[], b: Cell[]): number {
  const ta = a.map(squeezeText).join('|');
  const tb = b.map(squeezeText).join('|');
  const len = Math.max(ta.length, tb.length);
  return len === 0 ? 1 : 1 - levenshtein(ta, tb, Math.floor(len / 2)) / len;
}

/** `part` then `rest`, cell by cell, read exactly as the header (every cell of `rest` that has text). */
function completesHeader(part: Cell[], rest: Cell[], header: Cell[]): boolean {
  if (part.length !== header.length || rest.length !== header.length) return false;
  let some = false;
  for (let k = 0; k < header.length; k++) {
    const r = squeezeText(rest[k]);
    if (!r) continue;
    some = true;
    if (squeezeText(part[k]) + r !== squeezeText(header[k])) return false;
  }
  return some;
}

/** A paragraph with words (not a page number or a blank line) stands between two blocks. */
function separated(blocks: Block[], from: number, to: number): boolean {
  return blocks.slice(from + 1, to).some((b) => b.kind === 'paragraph' &&
    b.spans.some((sp) => /[\u0E01-\u0E4Ea-z]{3}/iu.test(sp.text) && !/^\s*(?:-?\s*\d+\s*-?|หน้า\s*\d+(?:\s*\/\s*\d+)?)\s*$/u.test(sp.text)));
}

/** The table's first row carries the next measure number after the rows already read. */
function continuesNumbering(table: Table, roles: ColumnRole[], rows: RawRow[]): boolean {
  const first = table.rows[0] ? rowNumber(table.rows[0], roles) : null;
  const last = [...rows].reverse().map((r) => rowNumber(r.cells, roles)).find((n) => n !== null) ?? 0;
  return first !== null && first > last;
}

/** The measures tables of a document (a table split over pages may come as several), as header roles and rows. */
function measureTables(blocks: Block[], notes: StructureNote[]): { roles: ColumnRole[]; rows: RawRow[] } | null {
  let roles: ColumnRole[] | null = null;
  let header: Cell[] | null = null;
  let lastBlock = -1;
  let droppedSinceData: Cell[][] = [];
  const rows: RawRow[] = [];
  blocks.forEach((b, block) => {
    if (b.kind !== 'table') return;
    const table = b as Table;
    const headerIdx = table.rows.slice(0, 3).findIndex((r) => rolesOf(r));
    let start = 0;
    if (headerIdx >= 0) {
      const hdrRoles = rolesOf(table.rows[headerIdx])!;
      if (roles && hdrRoles.length !== roles.length) return;
      roles ??= hdrRoles;
      header ??= table.rows[headerIdx];
      start = headerIdx + 1;
      lastBlock = block;
    } else if (!roles || table.rows[0]?.length !== roles.length) {
      return; // not a measures table, or not a continuation of one
    } else if (separated(blocks, lastBlock, block) && !continuesNumbering(table, roles, rows)) {
      return; // a table of its own after a heading (a summary grid of the same width), not the next page's rows
    }
    lastBlock = block;
    for (const cells of table.rows.slice(start)) {
      if (cells.every((c) => squeezeText(c) === '')) continue;
      // A header repeated at a page break is recognised by its likeness to the first header, not by keywords: a
      // short data cell may well contain มาตรการ or ผลการประเมิน.
      const likeness = header ? rowSimilarity(cells, header) : 0;
      if (likeness >= 0.8) {
        droppedSinceData.push(cells);
        continue;
      }
      // The rest of a repeated header that a page break cut in two: with the part dropped just before it, it
      // spells the header's cells exactly.
      if (header && droppedSinceData.some((d) => completesHeader(d, cells, header!))) continue;
      if (likeness >= 0.5 && rolesOf(cells)) {
        notes.push({ measures: [leadingNumber(squeezeText(cells[0]))?.no ?? null], where: cells[0].prov,
          message: `แถว «${cells.map(squeezeText).join(' | ').slice(0, 80)}» ถูกข้ามเพราะคล้ายหัวตาราง แต่ไม่เหมือนหัวตารางแรก` });
        continue;
      }
      rows.push({ cells, block });
      droppedSinceData = [];
    }
  });
  if (roles) return { roles, rows };
  // No header anywhere (a header printed without borders lands outside the ruled table): the first table of 3 or 4
  // columns whose rows start with measure numbers, and the tables of the same width after it (its later pages) —
  // only in a document that speaks of measures or the ITA at all (not an English list, not a checklist of links).
  const reportWording = blocks.some((b) => b.kind === 'paragraph' && b.spans.some((s) => /มาตรการ|คุณธรรม|ITA|ไอทีเอ/u.test(s.text)));
  let fallback: ColumnRole[] | null = null;
  for (const [block, b] of blocks.entries()) {
    if (b.kind !== 'table') continue;
    const width = b.rows[0]?.length ?? 0;
    if (fallback) {
      if (width === fallback.length) rows.push(...b.rows.map((cells) => ({ cells, block })));
      continue;
    }
    const r = defaultRoles(width);
    if (!r || !reportWording) continue;
    const titleCol = r.indexOf('title');
    // Numbered rows: the number column holds a number, or the title starts with one; titles are Thai words.
    const numbered = b.rows.filter((row) => (r[0] === 'no' ? /^\s*\(?\d{1,2}[.)]?\s*$/u.test(cellsText([row[0]])) : leadingNumber(row[titleCol].spans[0]?.text ?? ''))).length;
    const thai = b.rows.filter((row) => /[\u0E01-\u0E2E]{3}/u.test(cellsText([row[titleCol]]))).length;
    if (numbered >= Math.max(1, b.rows.length / 2) && thai >= b.rows.length / 2) {
      fallback = r;
      rows.push(...b.rows.map((cells) => ({ cells, block })));
    }
  }
  return fallback ? { roles: fallback, rows } : null;
}

/** Score-like wording in a cell: a number followed by คะแนน, or ร้อยละ before one. */
const SCORE_LIKE = /\d+(?:\.\d+)?\s*คะแนน|ร้อยละ\s*\d/u;

export function parseMeasureRows(blocks: Block[], seg: WordSegmenter): { rows: MeasureRow[]; tableBlocks: Set<number>; notes: StructureNote[] } {
  const notes: StructureNote[] = [];
  const found = measureTables(blocks, notes);
  if (!found) return { rows: [], tableBlocks: new Set(), notes };
  const { roles, rows } = found;
  const col = (r: ColumnRole) => roles.indexOf(r);
  // Numbered when most rows that have a title carry a number: pieces of rows split over pages have none.
  const titled = rows.filter((r) => col('title') >= 0 && squeezeText(r.cells[col('title')]) !== '');
  const numbered = rows.filter((r) => rowNumber(r.cells, roles) !== null).length >= Math.max(1, titled.length / 2);

  type Acc = { no: number | null; title: Cell[]; summary: Cell[]; outcome: Cell[]; prov: Provenance; block: number };
  const acc: Acc[] = [];
  for (const r of rows) {
    const get = (role: ColumnRole) => (col(role) >= 0 ? r.cells[col(role)] : { spans: [], prov: r.cells[0].prov });
    const titleCell = get('title') as GridCell;
    const no = rowNumber(r.cells, roles);
    const prev = acc[acc.length - 1];
    const continuation =
      prev && (titleCell.spannedFrom !== undefined || squeezeText(titleCell) === '' || (numbered && no === null));
    if (continuation) {
      // A row without a number that states its own score while its measure already has one may be a measure of
      // its own whose number was lost: merged as the table suggests, but said. (A row cut by a page break also has
      // no number; it goes on with the same indicator, or names none.)
      const outcome = cellsText([get('outcome')]);
      const prevOutcome = cellsText(prev.outcome);
      const named = (t: string) => new Set(findIndicatorNames(t, null).map((n) => n.indicator.no));
      if (squeezeText(titleCell) !== '' && titleCell.spannedFrom === undefined && SCORE_LIKE.test(outcome) && SCORE_LIKE.test(prevOutcome)) {
        const before = named(prevOutcome);
        if ([...named(outcome)].some((no) => !before.has(no))) {
          notes.push({ measures: [prev.no], where: titleCell.prov,
            message: `แถวที่ไม่มีเลขมาตรการ «${cellsText([titleCell]).slice(0, 60)}» ระบุคะแนนของตนเอง แต่ถูกรวมเข้ากับมาตรการ${prev.no !== null ? `ที่ ${prev.no}` : 'ก่อนหน้า'}` });
        }
      }
      prev.title.push(titleCell);
      prev.summary.push(get('summary'));
      prev.outcome.push(get('outcome'));
      continue;
    }
    acc.push({ no, title: [titleCell], summary: [get('summary')], outcome: [get('outcome')], prov: { ...titleCell.prov, text: titleCell.spans.map((s) => s.raw).join('\n') }, block: r.block });
  }
  const lines = (cells: Cell[]) => cells.flatMap((c) => c.spans.map((s, i) => ({ text: s.text, wrapped: i > 0 && s.wrapped })));
  return {
    rows: acc.map((a) => {
      let title = joinWrappedLines(lines(a.title), seg);
      if (col('no') < 0) title = leadingNumber(title)?.rest.trim() ?? title;
      return {
        no: a.no,
        title,
        summary: joinWrappedLines(lines(a.summary), seg),
        outcome: joinWrappedLines(lines(a.outcome), seg),
        outcomeView: textView(continued(a.outcome), seg),
        summaryView: textView(continued(a.summary), seg),
        prov: a.prov,
        block: a.block,
      };
    }),
    tableBlocks: new Set(rows.map((r) => r.block)),
    notes,
  };
}

/**
 * The spans of a measure's cells in order. A cell continued from the previous page (or row) begins with a line the
 * extractor could not relate to the last one, so whether the break is a wrap is left to the word list.
 */
function continued(cells: Cell[]): Span[] {
  return cells.flatMap((c, i) => c.spans.map((sp, j) => (i > 0 && j === 0 ? { ...sp, wrapped: undefined } : sp)));
}

function rowNumber(cells: Cell[], roles: ColumnRole[]): number | null {
  const noCol = roles.indexOf('no');
  if (noCol >= 0) {
    const t = cells[noCol].spans.map((s) => s.text).join(' ');
    const m = /(\d{1,2})/.exec(t);
    return m ? Number(m[1]) : null;
  }
  const first = cells[roles.indexOf('title')]?.spans[0]?.text ?? '';
  return leadingNumber(first)?.no ?? null;
}

/**
 * Numbered sub-items of a summary: "1) … 2) …", "(1) … (2) …", "1. … 2. …". Items must count up from 1 in
 * order, so a number inside the text ("พ.ศ. 2560)") is never taken for an item marker.
 */
export function parseActions(summary: string): string[] {
  for (const form of ['paren', 'both', 'dot'] as const) {
    const items = splitNumbered(summary, form);
    if (items.length >= 2) return items;
  }
  return [];
}

function splitNumbered(text: string, form: 'paren' | 'both' | 'dot'): string[] {
  const marker = (n: number) =>
    form === 'paren'
      ? new RegExp(`(?:^|(?<=[\\s\\u0E01-\\u0E4E]))${n}\\)\\s*`, 'u')
      : form === 'both'
        ? new RegExp(`(?:^|(?<=\\s))\\(${n}\\)\\s*`, 'u')
        : new RegExp(`(?:^|(?<=\\s))${n}\\.(?!\\d)\\s*`, 'u');
  const first = marker(1).exec(text);
  if (!first || text.slice(0, first.index).trim().length > 0) return [];
  const cuts: Array<{ start: number; end: number }> = [{ start: first.index, end: first.index + first[0].length }];
  for (let n = 2; ; n++) {
    const from = cuts[cuts.length - 1].end;
    const m = marker(n).exec(text.slice(from));
    if (!m) break;
    cuts.push({ start: from + m.index, end: from + m.index + m[0].length });
  }
  return cuts.map((c, i) => text.slice(c.end, cuts[i + 1]?.start ?? text.length).trim()).filter((s) => s.length > 0);
}
