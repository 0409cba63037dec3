/**
 * Export columns as data, defined once: a Thai header with the English alongside, the value, the width in
 * characters and the number format. CSV and XLSX are both written from these tables, so a column is one entry here.
 */
import type { AgencyKind } from '../model/extraction-result.ts';
import { FLAGS, type FlagCode } from '../model/flags.ts';
import { frameworkFor } from '../parse/indicators.ts';

export type CellValue = string | number | null;

export interface Column<T> {
  th: string;
  en: string;
  /** Width in characters (XLSX). */
  width: number;
  /** Excel number format, for numbers. */
  numFmt?: string;
  value(row: T): CellValue;
}

/** "หน่วยงาน (agency)": Thai first, English alongside. */
export const header = <T>(cols: ReadonlyArray<Column<T>>) => cols.map((c) => `${c.th} (${c.en})`);
export const cells = <T>(cols: ReadonlyArray<Column<T>>, row: T) => cols.map((c) => c.value(row));

export const KIND_TH: Record<AgencyKind, string> = {
  sao: 'อบต.', 'subdistrict-municipality': 'ทต.', 'town-municipality': 'ทม.', 'city-municipality': 'ทน.', pao: 'อบจ.', other: 'อื่น ๆ',
};

export const STATE_TH: Record<string, string> = {
  received: 'รับแล้ว', extracting: 'กำลังอ่าน', clean: 'ไม่มีข้อสังเกต', needs_review: 'รอตรวจทาน', failed: 'อ่านไม่ได้', returned: 'ส่งกลับแก้ไข',
};

export const SEVERITY_TH: Record<string, string> = { error: 'ผิดพลาด', warning: 'คำเตือน', info: 'ข้อมูล' };

export const flagTitle = (code: string) => FLAGS[code as FlagCode]?.th ?? code;

/** The official indicator names of the current framework, for column headers. */
export const indicatorName = (no: number) => frameworkFor(null).indicators.find((i) => i.no === no)?.name ?? '';

export const SCORE_FORMAT = '0.00';
