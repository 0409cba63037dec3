/**
 * Batch outputs: reports.jsonl (one contract JSON per line), province.csv and province.xlsx, flags.csv,
 * failures.csv. CSV files start with a UTF-8 BOM so Excel opens Thai text correctly.
 */
import { reasonForPeople } from '../model/failure-reasons.ts';
import { mkdir, writeFile } from 'node:fs/promises';
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

const table = <T>(cols: ReadonlyArray<Column<T>>, rows: T[]): Cell[][] => [header(cols), ...rows.map((r) => cells(cols, r))];

export const provinceCsv = (rows: BatchRow[]) => toCsv(table(PROVINCE_COLUMNS, provinceRows(rows)));
export const flagsCsv = (rows: BatchRow[]) => toCsv(table(FLAG_COLUMNS, flagRows(rows)));

/**
 * A sheet from columns: header row bold, wrapped and frozen with the first column; widths and number formats from
 * the columns; printed landscape on A4, fitted to the page width, the header repeated on every page.
 */
function addSheet<T>(wb: ExcelJS.Workbook, name: string, cols: ReadonlyArray<Column<T>>, rows: T[], highlight?: (row: T) => boolean): ExcelJS.Worksheet {
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
  for (const r of rows) {
    const row = ws.addRow(cells(cols, r));
    if (highlight?.(r)) row.eachCell((c) => (c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } }));
  }
  return ws;
}

export async function provinceXlsx(rows: BatchRow[], title: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ita-ingest';
  addSheet(wb, title.slice(0, 31) || 'province', PROVINCE_COLUMNS, provinceRows(rows));
  // Every score with its origin, and which values a reviewer corrected (from → to, by whom), highlighted.
  addSheet(wb, 'scores', SCORE_COLUMNS, scoreRows(rows), (r) => SCORE_COLUMNS[SCORE_COLUMNS.length - 1].value(r) !== null);
  addSheet(wb, 'flags', FLAG_COLUMNS, flagRows(rows));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface BatchOutputs {
  dir: string;
  files: string[];
}

export async function writeBatchOutputs(dir: string, rows: BatchRow[], failures: Array<{ fileName: string; reason: string }>, title: string): Promise<BatchOutputs> {
  await mkdir(dir, { recursive: true });
  const done = rows.filter((r) => r.result);
  const allFailures = [
    ...rows.filter((r) => r.state === 'failed').map((r) => [r.fileName, reasonForPeople(r.failureReason ?? 'failed'), r.sha256] as Cell[]),
    ...failures.map((f) => [f.fileName, reasonForPeople(f.reason), null] as Cell[]),
  ];
  const out: Array<[string, string | Buffer]> = [
    ['reports.jsonl', done.map((r) => JSON.stringify(r.result)).join('\n') + (done.length ? '\n' : '')],
    ['province.csv', provinceCsv(rows)],
    ['province.xlsx', await provinceXlsx(rows, title)],
    ['flags.csv', flagsCsv(rows)],
    ['failures.csv', toCsv([['ไฟล์ (file)', 'เหตุที่อ่านไม่ได้ (reason)', 'รหัสไฟล์ (sha256)'], ...allFailures])],
  ];
  for (const [name, data] of out) await writeFile(join(dir, name), data);
  return { dir, files: out.map(([n]) => n) };
}
