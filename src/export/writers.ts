/**
 * Batch outputs: reports.jsonl (one contract JSON per line), province.csv and province.xlsx, flags.csv,
 * failures.csv. CSV files start with a UTF-8 BOM so Excel opens Thai text correctly.
 */
import { reasonForPeople } from '../model/failure-reasons.ts';
import { createWriteStream } from 'node:fs';
import { mkdir, open, writeFile } from 'node:fs/promises';
import { PassThrough, type Writable } from 'node:stream';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import stringWidth from 'string-width';
import type { BatchRow } from '../store/batches-repo.ts';
import { cells, header, type CellValue, type Column } from './columns.ts';
import { FLAG_COLUMNS, PROVINCE_COLUMNS, SCORE_COLUMNS, flagRows, provinceRows, scoreRows } from './province-table.ts';

type Cell = CellValue;

export function toCsv(rows: Cell[][]): string {
  const cell = (v: Cell) => {
    if (v === null) return '';
    const s = String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return '\uFEFF' + rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

/**
 * The batch's three tables, built a page of rows at a time: only their cells are kept, not the results, so a batch
 * of any size is written in the memory of one page (issue 10).
 */
export class BatchTables {
  readonly province: Cell[][] = [];
  readonly scores: Cell[][] = [];
  /** Per score row: a reviewer corrected it (highlighted in the sheet). */
  readonly corrected: boolean[] = [];
  readonly flags: Cell[][] = [];

  add(rows: BatchRow[]): this {
    for (const r of provinceRows(rows)) this.province.push(cells(PROVINCE_COLUMNS, r));
    for (const r of scoreRows(rows)) {
      this.scores.push(cells(SCORE_COLUMNS, r));
      this.corrected.push(SCORE_COLUMNS[SCORE_COLUMNS.length - 1].value(r) !== null);
    }
    for (const r of flagRows(rows)) this.flags.push(cells(FLAG_COLUMNS, r));
    return this;
  }
}

const tablesOf = (rows: BatchRow[] | BatchTables) => (rows instanceof BatchTables ? rows : new BatchTables().add(rows));
export const provinceCsv = (rows: BatchRow[] | BatchTables) => toCsv([header(PROVINCE_COLUMNS), ...tablesOf(rows).province]);
export const flagsCsv = (rows: BatchRow[] | BatchTables) => toCsv([header(FLAG_COLUMNS), ...tablesOf(rows).flags]);

/**
 * A sheet from columns: header row bold, wrapped and frozen with the first column; widths and number formats from
 * the columns; printed landscape on A4, fitted to the page width, the header repeated on every page.
 */
function addSheet<T>(wb: ExcelJS.stream.xlsx.WorkbookWriter, name: string, cols: ReadonlyArray<Column<T>>, rows: Cell[][], highlight?: boolean[]): void {
  const ws = wb.addWorksheet(name, {
    views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }],
    pageSetup: {
      paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
      printTitlesRow: '1:1',
    },
  });
  ws.columns = cols.map((c) => ({ width: c.width, style: c.numFmt ? { numFmt: c.numFmt } : {} }));
  const labels = header(cols);
  const head = ws.addRow(labels);
  head.font = { bold: true };
  head.alignment = { wrapText: true, vertical: 'top' };
  // Spreadsheets do not grow a row for wrapped text written by a library: tall enough for the longest label, or its
  // English half is cut off on screen and on paper.
  const lines = Math.max(...labels.map((l, i) => Math.ceil((stringWidth(l) + 2) / Math.max(1, cols[i].width - 1))));
  head.height = Math.min(160, 16 * lines);
  head.commit();
  // Each row is written out as it is added: the workbook is streamed, not built whole in memory (1,000 reports'
  // scores sheet held ~125 MB as cell objects; issue 10).
  for (const [i, r] of rows.entries()) {
    const row = ws.addRow(r);
    if (highlight?.[i]) row.eachCell((c) => (c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } }));
    row.commit();
  }
  ws.commit();
}

/** The province workbook (province, scores and flags sheets), streamed to `stream`. */
export async function writeProvinceXlsx(rows: BatchRow[] | BatchTables, title: string, stream: Writable): Promise<void> {
  const t = tablesOf(rows);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  wb.creator = 'ita-ingest';
  addSheet(wb, title.slice(0, 31) || 'province', PROVINCE_COLUMNS, t.province);
  // Every score with its origin, and which values a reviewer corrected (from → to, by whom), highlighted.
  addSheet(wb, 'scores', SCORE_COLUMNS, t.scores, t.corrected);
  addSheet(wb, 'flags', FLAG_COLUMNS, t.flags);
  await wb.commit();
}

export async function provinceXlsx(rows: BatchRow[] | BatchTables, title: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  sink.on('data', (c: Buffer) => chunks.push(c));
  await writeProvinceXlsx(rows, title, sink);
  return Buffer.concat(chunks);
}

export interface BatchOutputs {
  dir: string;
  files: string[];
  /** Distinct reports by state, and the reports that failed with their reasons. */
  byState: Record<string, number>;
  failed: Array<{ fileName: string; reason: string }>;
}

/**
 * Writes the batch's outputs from its rows, given whole or a page at a time (batchRowPages): reports.jsonl is
 * written as the pages come, the tables keep only their cells.
 */
export async function writeBatchOutputs(dir: string, pages: BatchRow[] | AsyncIterable<BatchRow[]>, failures: Array<{ fileName: string; reason: string }>, title: string): Promise<BatchOutputs> {
  await mkdir(dir, { recursive: true });
  const tables = new BatchTables();
  const byState: Record<string, number> = {};
  const failed: Array<{ fileName: string; reason: string; sha256: string }> = [];
  const jsonl = await open(join(dir, 'reports.jsonl'), 'w');
  try {
    for await (const rows of Array.isArray(pages) ? [pages] : pages) {
      const lines = rows.filter((r) => r.result).map((r) => `${JSON.stringify(r.result)}\n`).join('');
      if (lines) await jsonl.write(lines);
      tables.add(rows);
      for (const r of rows) {
        byState[r.state] = (byState[r.state] ?? 0) + 1;
        if (r.state === 'failed') failed.push({ fileName: r.fileName, reason: r.failureReason ?? 'failed', sha256: r.sha256 });
      }
    }
  } finally {
    await jsonl.close();
  }
  const allFailures = [
    ...failed.map((f) => [f.fileName, reasonForPeople(f.reason), f.sha256] as Cell[]),
    ...failures.map((f) => [f.fileName, reasonForPeople(f.reason), null] as Cell[]),
  ];
  await writeProvinceXlsx(tables, title, createWriteStream(join(dir, 'province.xlsx')));
  const out: Array<[string, string | Buffer]> = [
    ['province.csv', provinceCsv(tables)],
    ['flags.csv', flagsCsv(tables)],
    ['failures.csv', toCsv([['ไฟล์ (file)', 'เหตุที่อ่านไม่ได้ (reason)', 'รหัสไฟล์ (sha256)'], ...allFailures])],
  ];
  for (const [name, data] of out) await writeFile(join(dir, name), data);
  return { dir, files: ['reports.jsonl', 'province.csv', 'province.xlsx', 'flags.csv', 'failures.csv'], byState, failed: failed.map(({ fileName, reason }) => ({ fileName, reason })) };
}
