/**
 * One page's lines and rules → paragraphs and tables, in reading order.
 * Ruled tables: columns from vertical rules, rows from horizontal rules, each item to the cell holding its centre.
 * Tables without rules: columns from where text starts (x clusters), a row from each line whose first column opens
 * with a measure number (๑. 1. 1)), the lines after it appended to that row; a header repeated at the top of a
 * page is recognised by its text and dropped.
 */
import { groupLines, type Line } from './lines.ts';
import type { Rule } from './ruling-lines.ts';
import type { TextItem } from './text-items.ts';

export type PageBlock =
  | { kind: 'paragraph'; lines: Line[]; top: number }
  | { kind: 'table'; rows: Line[][][]; top: number; ruled: boolean };

const cluster = (values: number[], tol: number): number[] => {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[][] = [];
  for (const v of sorted) {
    const last = out[out.length - 1];
    if (last && v - last[last.length - 1] <= tol) last.push(v);
    else out.push([v]);
  }
  return out.map((g) => g.reduce((s, v) => s + v, 0) / g.length);
};

interface Region {
  x0: number; y0: number; x1: number; y1: number;
  cols: number[];
  rows: number[];
}

/** Regions of connected vertical rules, each with its column and row boundaries. */
export function ruledRegions(rules: Rule[]): Region[] {
  const verticals = rules.filter((r) => r.dir === 'v').sort((a, b) => a.from - b.from);
  const groups: Rule[][] = [];
  for (const v of verticals) {
    const g = groups.find((gr) => gr.some((o) => v.from <= o.to + 2 && v.to >= o.from - 2));
    if (g) g.push(v);
    else groups.push([v]);
  }
  const regions: Region[] = [];
  for (const g of groups) {
    // Rules closer than 4 pt are one boundary: HTML printers draw each cell's own border, 2 px apart.
    const cols = cluster(g.map((v) => v.at), 4);
    if (cols.length < 3) continue; // a single box or a lone line is not a table
    const y0 = Math.min(...g.map((v) => v.from));
    const y1 = Math.max(...g.map((v) => v.to));
    const x0 = cols[0];
    const x1 = cols[cols.length - 1];
    const hs = rules.filter((r) => r.dir === 'h' && r.at >= y0 - 2 && r.at <= y1 + 2 && r.to > x0 + 2 && r.from < x1 - 2).map((r) => r.at);
    const rows = cluster([y0, ...hs, y1], 4);
    regions.push({ x0, y0, x1, y1, cols, rows });
  }
  return regions;
}

const centre = (i: TextItem): [number, number] => [(i.bbox[0] + i.bbox[2]) / 2, i.baseline - i.fontSize * 0.3];
const inRegion = (r: Region, [x, y]: [number, number]) => x >= r.x0 - 1 && x <= r.x1 + 1 && y >= r.y0 - 1 && y <= r.y1 + 1;
const slot = (bounds: number[], v: number) => {
  for (let i = 0; i + 1 < bounds.length; i++) if (v < bounds[i + 1]) return i;
  return bounds.length - 2;
};

function ruledTable(r: Region, items: TextItem[]): PageBlock {
  const grid: TextItem[][][] = Array.from({ length: r.rows.length - 1 }, () => Array.from({ length: r.cols.length - 1 }, () => []));
  for (const it of items) {
    const [x, y] = centre(it);
    grid[slot(r.rows, y)][slot(r.cols, x)].push(it);
  }
  const rows = grid.filter((row) => row.some((c) => c.length)).map((row) => row.map((c) => groupLines(c)));
  return { kind: 'table', rows, top: r.y0, ruled: true };
}

/** Lines → paragraphs: a new paragraph where the line pitch is clearly larger than the page's usual one. */
function paragraphs(lines: Line[]): PageBlock[] {
  const out: PageBlock[] = [];
  const pitches = lines.slice(1).map((l, i) => l.baseline - lines[i].baseline).filter((d) => d > 0 && d < lines[0].fontSize * 3).sort((a, b) => a - b);
  const usual = pitches.length ? pitches[Math.floor(pitches.length / 2)] : lines[0]?.fontSize * 1.3;
  let cur: Line[] = [];
  for (const l of lines) {
    const prev = cur[cur.length - 1];
    if (prev && l.baseline - prev.baseline > Math.max(usual * 1.35, Math.max(prev.fontSize, l.fontSize) * 1.2)) {
      out.push({ kind: 'paragraph', lines: cur, top: cur[0].bbox[1] });
      cur = [];
    }
    cur.push(l);
  }
  if (cur.length) out.push({ kind: 'paragraph', lines: cur, top: cur[0].bbox[1] });
  return out;
}

const MEASURE_START = /^\(?[0-9๐-๙]{1,2}\s*[.)]/u;
const squeeze = (s: string) => s.replace(/\s+/g, '');

/**
 * Splits a line's items into column pieces at the given column starts. A piece starts only where the text leaves
 * a gap: a centred title running across a column start stays one piece.
 */
function splitByColumns(line: Line, cols: number[], cutItems = false): TextItem[][] {
  const parts: TextItem[][] = cols.map(() => []);
  let c = 0;
  let prev: TextItem | null = null;
  // Items are cut at column starts only inside a table: a centred title also runs across them.
  for (const it of cutItems ? line.items.flatMap((i) => splitAtColumns(i, cols)) : line.items) {
    if (!it.str.trim()) continue; // a drawn space is a gap, not text of a column
    let col = 0;
    while (col + 1 < cols.length && it.bbox[0] >= cols[col + 1] - 2) col++;
    if (col > c && (!prev || it.bbox[0] - prev.bbox[2] >= 3)) c = col;
    parts[c].push(it);
    prev = it;
  }
  return parts;
}

/**
 * pdf.js joins text drawn in one run even when it spans two cells ("ปรับปรุงเว็บไซต์ ผลการประเมิน"). Such an item is
 * cut at the space nearest the column start it crosses, its advance spread evenly over its spacing characters.
 */
function splitAtColumns(it: TextItem, cols: number[]): TextItem[] {
  const crossed = cols.find((c) => it.bbox[0] < c - 2 && it.bbox[2] > c + 2);
  if (crossed === undefined || !/\s/.test(it.str)) return [it];
  const chars = [...it.str];
  const width = (s: string[]) => s.filter((ch) => !/[\u0E31\u0E34-\u0E3A\u0E47-\u0E4E]/u.test(ch)).length;
  const unit = (it.bbox[2] - it.bbox[0]) / Math.max(1, width(chars));
  let best = -1;
  let bestDist = Infinity;
  chars.forEach((ch, i) => {
    if (!/\s/.test(ch)) return;
    const x = it.bbox[0] + unit * width(chars.slice(0, i + 1));
    if (Math.abs(x - crossed) < bestDist) {
      best = i;
      bestDist = Math.abs(x - crossed);
    }
  });
  if (best < 0 || bestDist > it.fontSize * 3) return [it];
  const cut = it.bbox[0] + unit * width(chars.slice(0, best + 1));
  const left: TextItem = { ...it, str: chars.slice(0, best).join(''), bbox: [it.bbox[0], it.bbox[1], cut - unit, it.bbox[3]] };
  const right: TextItem = { ...it, str: chars.slice(best + 1).join(''), bbox: [Math.max(cut, crossed), it.bbox[1], it.bbox[2], it.bbox[3]], order: it.order + 0.5 };
  return [left, ...splitAtColumns(right, cols)];
}

/**
 * Columns of a table without rules: x positions where several lines have text starting after a gap.
 * Returns null when fewer than two columns are supported by at least three lines each.
 */
export function textColumns(lines: Line[]): number[] | null {
  const starts: number[] = [];
  for (const l of lines) {
    // Only lines with a column gap inside them say where columns start (paragraph lines would add the margin).
    const items = l.items.filter((it) => it.str.trim());
    const own = items.filter((it, i) => i === 0 || it.bbox[0] - items[i - 1].bbox[2] > it.fontSize * 0.6).map((it) => it.bbox[0]);
    if (own.length >= 2) starts.push(...own);
  }
  const clusters = cluster(starts, 3).map((x) => ({ x, n: starts.filter((s) => Math.abs(s - x) <= 3).length }));
  const cols = clusters.filter((c) => c.n >= 3).map((c) => c.x);
  return cols.length >= 2 ? cols : null;
}

/** Lines that belong to a text-column table: at least two columns used, or one column without crossing into the next. */
function borderlessTable(lines: Line[], cols: number[], header: string[] | null, continuing: boolean): { block: PageBlock | null; used: Set<Line>; header: string[] | null } {
  const used = new Set<Line>();
  const isTableLine = (l: Line) => {
    const parts = splitByColumns(l, cols).filter((p) => p.length);
    if (parts.length >= 2) return true;
    // One piece: it must stay inside its column (a paragraph runs across the column starts).
    const c = cols.findIndex((x, i) => l.bbox[0] >= x - 2 && (i + 1 === cols.length || l.bbox[0] < cols[i + 1] - 2));
    return c >= 0 && (c + 1 === cols.length || l.bbox[2] < cols[c + 1] + 2);
  };
  const multi = (l: Line) => splitByColumns(l, cols).filter((p) => p.length).length >= 2;
  // A table carried over from the previous page may go on with single-column lines (a row split by the break).
  const first = continuing && lines[0] && isTableLine(lines[0]) ? 0 : lines.findIndex(multi);
  if (first < 0) return { block: null, used, header };
  let last = first;
  while (last + 1 < lines.length && isTableLine(lines[last + 1])) last++;
  const tableLines = lines.slice(first, last + 1);
  tableLines.forEach((l) => used.add(l));

  const rows: TextItem[][][] = [];
  const headerCells: TextItem[][] = cols.map(() => []);
  let inHeader = !header; // a table carried over from the previous page starts with rows, not a header
  let headerText = header;
  for (const l of tableLines) {
    const parts = splitByColumns(l, cols, true);
    const firstText = parts[0].map((i) => i.str).join('').trim();
    if (MEASURE_START.test(firstText)) {
      inHeader = false;
      rows.push(parts.map((p) => [...p]));
      continue;
    }
    const partTexts = parts.map((p) => squeeze(p.map((i) => i.str).join('')));
    // A header repeated at the top of a page: every piece is part of the known header's column text.
    const repeatsHeader = headerText && partTexts.every((t, i) => !t || (headerText![i] ?? '').includes(t));
    if (rows.length === 0 && (inHeader || repeatsHeader)) {
      if (!headerText) parts.forEach((p, i) => headerCells[i].push(...p));
      continue;
    }
    if (rows.length === 0) rows.push(cols.map(() => []));
    parts.forEach((p, i) => rows[rows.length - 1][i].push(...p));
  }
  if (!headerText && headerCells.some((c) => c.length)) headerText = headerCells.map((c) => squeeze(c.map((i) => i.str).join('')));
  const out: Line[][][] = [];
  if (!header && headerCells.some((c) => c.length)) out.push(headerCells.map((c) => groupLines(c)));
  out.push(...rows.map((r) => r.map((c) => groupLines(c))));
  return { block: { kind: 'table', rows: out, top: tableLines[0].bbox[1], ruled: false }, used, header: headerText };
}

export interface LayoutState {
  /** Header column texts of a table without rules, carried to the next page to drop its repeat. */
  header: string[] | null;
  /** Columns of a table without rules, carried to the next page. */
  cols: number[] | null;
}

export function layoutPage(items: TextItem[], rules: Rule[], state: LayoutState): PageBlock[] {
  const regions = ruledRegions(rules);
  const inTables = new Set<TextItem>();
  const blocks: PageBlock[] = [];
  for (const r of regions) {
    const mine = items.filter((it) => !inTables.has(it) && inRegion(r, centre(it)));
    mine.forEach((it) => inTables.add(it));
    if (mine.length) blocks.push(ruledTable(r, mine));
  }
  let lines = groupLines(items.filter((it) => !inTables.has(it)));
  if (regions.length === 0) {
    const own = textColumns(lines);
    // A table carried over keeps its columns unless this page clearly shows more (a page may hold few full lines).
    const cols = state.cols && (!own || own.length <= state.cols.length) ? state.cols : own;
    if (cols) {
      const t = borderlessTable(lines, cols, state.header, state.cols !== null);
      if (t.block) {
        blocks.push(t.block);
        state.header = t.header;
        state.cols = cols;
        lines = lines.filter((l) => !t.used.has(l));
      }
    }
  }
  blocks.push(...paragraphs(lines));
  return blocks.sort((a, b) => a.top - b.top);
}
