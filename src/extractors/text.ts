/**
 * Plain text and the "mixed" form officials paste: table rows as tab-separated lines or `|`-separated rows,
 * cells that may hold `<p>` paragraphs, and ordinary paragraphs around them. Rows separated only by blank
 * lines belong to one table (a table split over pages repeats its header; the parser drops the repeats).
 * Provenance: the 1-based line of the file.
 */
import * as cheerio from 'cheerio';
import type { Block, Cell, DocumentModel, Provenance, Span } from '../model/document.ts';
import { span } from '../model/document.ts';
import { result, type Result } from '../model/result.ts';
import { blockLines } from './html-text.ts';

type Line = { no: number; raw: string };
type Row = { no: number; cells: string[] };

const PIPE_ROW = /^\s*\|.*\|\s*$/;
const PIPE_RULE = /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/;

/**
 * Splits a line into cells when it is a table row, else returns null. Inside a table (`inTable`), a tab-separated
 * line with a single filled cell is a continuation row ("\t\tต่อ…"), not the end of the table.
 */
export function splitRow(raw: string, inTable = false): string[] | null {
  if (raw.includes('\t')) {
    const cells = raw.split('\t');
    const filled = cells.filter((c) => c.trim()).length;
    if (filled >= 2 || (inTable && filled === 1 && cells.length >= 2)) return cells;
  }
  if (PIPE_ROW.test(raw)) {
    const cells = raw.trim().replace(/^\|/, '').replace(/\|$/, '').split('|');
    if (cells.length >= 2) return cells;
  }
  return null;
}

/** Markdown emphasis markers around pasted text are formatting, not words. */
function stripEmphasis(s: string): string {
  return s.replace(/\*\*|__/g, '');
}

function cellSpans(raw: string, prov: Provenance): Span[] {
  if (/<\/?(p|br|div|span|b|i|strong|em)\b/i.test(raw)) {
    const $ = cheerio.load(`<div>${raw}</div>`, null, false);
    const root = $('div').get(0);
    if (root) return blockLines($, root).map((l) => span(l, prov));
  }
  const text = stripEmphasis(raw).trim();
  return text ? [span(text, prov)] : [];
}

export function extractText(text: string): Result<DocumentModel> {
  const lines: Line[] = text.split(/\r\n|\n|\r/).map((raw, i) => ({ no: i + 1, raw }));
  const blocks: Block[] = [];
  let rows: Row[] = [];
  let para: Line[] = [];

  const flushPara = () => {
    if (para.length === 0) return;
    const block = blocks.length;
    const spans = para
      .map((l) => ({ l, t: stripEmphasis(l.raw).trim() }))
      .filter((x) => x.t)
      .map((x) => span(x.t, { page: null, block, line: x.l.no }));
    if (spans.length) blocks.push({ kind: 'paragraph', spans, prov: { page: null, block, line: para[0].no } });
    para = [];
  };
  const flushTable = () => {
    if (rows.length === 0) return;
    const block = blocks.length;
    const width = Math.max(...rows.map((r) => r.cells.length));
    const grid: Cell[][] = rows.map((r) => {
      const prov: Provenance = { page: null, block, line: r.no };
      return Array.from({ length: width }, (_, i) => ({ spans: cellSpans(r.cells[i] ?? '', prov), prov }));
    });
    blocks.push({ kind: 'table', rows: grid, prov: { page: null, block, line: rows[0].no } });
    rows = [];
  };

  for (const line of lines) {
    if (PIPE_RULE.test(line.raw) && line.raw.includes('-')) continue;
    const cells = splitRow(line.raw, rows.length > 0);
    if (cells) {
      flushPara();
      rows.push({ no: line.no, cells });
    } else if (line.raw.trim() === '') {
      flushPara();
    } else {
      flushTable();
      para.push(line);
    }
  }
  flushPara();
  flushTable();
  return result({ format: 'text', pages: null, blocks });
}
