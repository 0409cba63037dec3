/**
 * Batch outputs: reports.jsonl (one contract JSON per line), province.csv and province.xlsx, flags.csv,
 * failures.csv. CSV files start with a UTF-8 BOM so Excel opens Thai text correctly.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { BatchRow } from '../store/batches-repo.ts';
import { FLAG_HEADER, PROVINCE_HEADER, SCORE_HEADER, flagCells, provinceCells, provinceRows, scoreCells } from './province-table.ts';

type Cell = string | number | null;

export function toCsv(rows: Cell[][]): string {
  const cell = (v: Cell) => {
    if (v === null) return '';
    const s = String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return '\uFEFF' + rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

export const provinceCsv = (rows: BatchRow[]) => toCsv([PROVINCE_HEADER, ...provinceRows(rows).map(provinceCells)]);

export async function provinceXlsx(rows: BatchRow[], title: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ita-ingest';
  const ws = wb.addWorksheet(title.slice(0, 31) || 'province');
  ws.addRow(PROVINCE_HEADER).font = { bold: true };
  for (const r of provinceRows(rows)) ws.addRow(provinceCells(r));
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  ws.columns.forEach((c, i) => (c.width = i === 0 ? 36 : i === 4 ? 30 : 12));
  // Every score with its origin, and which values a reviewer corrected (from → to, by whom).
  const scores = wb.addWorksheet('scores');
  scores.addRow(SCORE_HEADER).font = { bold: true };
  for (const r of scoreCells(rows)) {
    const row = scores.addRow(r);
    if (r[r.length - 1]) row.eachCell((c) => (c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } }));
  }
  scores.views = [{ state: 'frozen', ySplit: 1 }];
  const flags = wb.addWorksheet('flags');
  flags.addRow(FLAG_HEADER).font = { bold: true };
  for (const f of flagCells(rows)) flags.addRow(f);
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
    ...rows.filter((r) => r.state === 'failed').map((r) => [r.fileName, r.failureReason ?? 'failed', r.sha256] as Cell[]),
    ...failures.map((f) => [f.fileName, f.reason, null] as Cell[]),
  ];
  const out: Array<[string, string | Buffer]> = [
    ['reports.jsonl', done.map((r) => JSON.stringify(r.result)).join('\n') + (done.length ? '\n' : '')],
    ['province.csv', provinceCsv(rows)],
    ['province.xlsx', await provinceXlsx(rows, title)],
    ['flags.csv', toCsv([FLAG_HEADER, ...flagCells(rows)])],
    ['failures.csv', toCsv([['file', 'reason', 'sha256'], ...allFailures])],
  ];
  for (const [name, data] of out) await writeFile(join(dir, name), data);
  return { dir, files: out.map(([n]) => n) };
}
