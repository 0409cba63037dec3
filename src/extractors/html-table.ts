/**
 * An HTML `<table>` as a grid: colspan and rowspan expanded, so every row has one cell per column.
 * A spanned slot gets an empty cell that points back to its origin (`spannedFrom`), so the parser can merge
 * a measure whose title spans several rows instead of reading the title twice.
 */
import type { Cheerio, CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import type { GridCell, Provenance } from '../model/document.ts';
import { span } from '../model/document.ts';
import { blockLines } from './html-text.ts';


const MAX_SPAN = 100;

function clampSpan(v: string | undefined): number {
  const n = Number.parseInt(v ?? '1', 10);
  return Number.isFinite(n) && n >= 1 ? Math.min(n, MAX_SPAN) : 1;
}

/** The rows of this table only (not of tables nested in its cells), in document order. */
export function ownRows($: CheerioAPI, table: Cheerio<Element>): Element[] {
  return table
    .children('tr, thead, tbody, tfoot')
    .toArray()
    .flatMap((el) => (el.tagName === 'tr' ? [el] : $(el).children('tr').toArray()));
}

export function tableToGrid($: CheerioAPI, table: Cheerio<Element>, prov: Provenance): GridCell[][] {
  const grid: GridCell[][] = [];
  ownRows($, table).forEach((tr, r) => {
    grid[r] ??= [];
    let c = 0;
    for (const td of $(tr).children('td, th').toArray()) {
      while (grid[r][c]) c++;
      const lines = blockLines($, td as AnyNode);
      const cell: GridCell = { spans: lines.map((l, i) => span(l, { ...prov, paragraph: i + 1 })), prov };
      const rowspan = clampSpan($(td).attr('rowspan'));
      const colspan = clampSpan($(td).attr('colspan'));
      for (let dr = 0; dr < rowspan; dr++) {
        for (let dc = 0; dc < colspan; dc++) {
          const rr = r + dr;
          grid[rr] ??= [];
          grid[rr][c + dc] = dr === 0 && dc === 0 ? cell : { spans: [], prov, spannedFrom: [r, c] };
        }
      }
      c += colspan;
    }
  });
  const width = Math.max(0, ...grid.map((row) => row.length));
  return grid.map((row) => Array.from({ length: width }, (_, i) => row[i] ?? { spans: [], prov }));
}
