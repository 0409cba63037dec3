/**
 * The province table (agency × official ITA indicator) and the review lists, as rows any writer can format.
 * An indicator's score comes from the measure table when the report states one there, else from its summary block.
 */
import type { ExtractionResult, Flag } from '../model/extraction-result.ts';
import type { AgencyKind } from '../model/extraction-result.ts';
import type { BatchRow } from '../store/batches-repo.ts';
import { flagTitle, indicatorName, KIND_TH, SCORE_FORMAT, SEVERITY_TH, STATE_TH, type Column } from './columns.ts';

export const INDICATOR_NOS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;

export interface ProvinceRow {
  agency: string | null;
  kind: string | null;
  province: string | null;
  fiscalYear: number | null;
  file: string;
  sha256: string;
  state: string;
  scores: Record<number, number | null>;
  errors: number;
  warnings: number;
  infos: number;
}

export function indicatorScores(r: ExtractionResult | null): Record<number, number | null> {
  const out: Record<number, number | null> = {};
  for (const no of INDICATOR_NOS) {
    const of = (origin: string) => r?.scores.find((s) => s.origin === origin && s.indicator.no === no && s.score !== null)?.score ?? null;
    out[no] = of('measure') ?? of('summary');
  }
  return out;
}

export function provinceRows(rows: BatchRow[]): ProvinceRow[] {
  return rows.map((b) => {
    const r = b.result;
    const count = (sev: Flag['severity']) => r?.flags.filter((f) => f.severity === sev).length ?? 0;
    return {
      agency: r?.report.agency.name ?? null,
      kind: r?.report.agency.kind ?? null,
      province: r?.report.agency.province ?? null,
      fiscalYear: r?.report.fiscalYear ?? null,
      file: b.fileName,
      sha256: b.sha256,
      state: b.state,
      scores: indicatorScores(r),
      errors: count('error'),
      warnings: count('warning'),
      infos: count('info'),
    };
  });
}

export const PROVINCE_COLUMNS: ReadonlyArray<Column<ProvinceRow>> = [
  { th: 'หน่วยงาน', en: 'agency', width: 34, value: (r) => r.agency },
  { th: 'ประเภท', en: 'kind', width: 8, value: (r) => (r.kind ? KIND_TH[r.kind as AgencyKind] ?? r.kind : null) },
  { th: 'จังหวัด', en: 'province', width: 14, value: (r) => r.province },
  { th: 'ปีงบประมาณ', en: 'fiscal year', width: 10, value: (r) => r.fiscalYear },
  { th: 'ไฟล์', en: 'file', width: 28, value: (r) => r.file },
  { th: 'สถานะ', en: 'state', width: 14, value: (r) => STATE_TH[r.state] ?? r.state },
  ...INDICATOR_NOS.map((n): Column<ProvinceRow> => ({ th: `ตัวชี้วัดที่ ${n} ${indicatorName(n)}`, en: `indicator ${n}`, width: 11, numFmt: SCORE_FORMAT, value: (r) => r.scores[n] })),
  { th: 'ผิดพลาด', en: 'errors', width: 8, value: (r) => r.errors },
  { th: 'คำเตือน', en: 'warnings', width: 8, value: (r) => r.warnings },
  { th: 'ข้อมูล', en: 'infos', width: 7, value: (r) => r.infos },
  { th: 'รหัสไฟล์', en: 'sha256', width: 16, value: (r) => r.sha256 },
];

interface FlagRow { b: BatchRow; f: Flag }

export const FLAG_COLUMNS: ReadonlyArray<Column<FlagRow>> = [
  { th: 'ไฟล์', en: 'file', width: 28, value: ({ b }) => b.fileName },
  { th: 'หน่วยงาน', en: 'agency', width: 30, value: ({ b }) => b.result?.report.agency.name ?? null },
  { th: 'ระดับ', en: 'severity', width: 9, value: ({ f }) => SEVERITY_TH[f.severity] ?? f.severity },
  { th: 'ข้อสังเกต', en: 'flag', width: 30, value: ({ f }) => flagTitle(f.code) },
  { th: 'รหัส', en: 'code', width: 24, value: ({ f }) => f.code },
  { th: 'มาตรการที่', en: 'measure no', width: 9, value: ({ f }) => f.target.measureNo },
  { th: 'ตัวชี้วัดที่', en: 'indicator no', width: 9, value: ({ f }) => f.target.indicatorNo },
  { th: 'ค่าที่ตรวจ', en: 'field', width: 14, value: ({ f }) => f.target.field },
  { th: 'ค่าที่ควรเป็น', en: 'expected', width: 12, value: ({ f }) => (f.expected === undefined ? null : JSON.stringify(f.expected)) },
  { th: 'รายละเอียด', en: 'message', width: 70, value: ({ f }) => f.message },
  { th: 'รหัสไฟล์', en: 'sha256', width: 16, value: ({ b }) => b.sha256 },
];

export function flagRows(rows: BatchRow[]): FlagRow[] {
  return rows.flatMap((b) => (b.result?.flags ?? []).map((f) => ({ b, f })));
}

interface ScoreRow { b: BatchRow; s: ExtractionResult['scores'][number] }

/** `corrected` lists each reviewer correction as "field from → to (by)". */
const correctedOf = (s: ScoreRow['s']) =>
  ((s.provenance as { corrected?: Array<{ field: string; from: unknown; to: unknown; by: string }> }).corrected ?? [])
    .map((c) => `${c.field} ${c.from} → ${c.to} (${c.by})`).join('; ') || null;

export const SCORE_COLUMNS: ReadonlyArray<Column<ScoreRow>> = [
  { th: 'ไฟล์', en: 'file', width: 28, value: ({ b }) => b.fileName },
  { th: 'หน่วยงาน', en: 'agency', width: 30, value: ({ b }) => b.result?.report.agency.name ?? null },
  { th: 'ที่มา', en: 'origin', width: 10, value: ({ s }) => (s.origin === 'measure' ? 'มาตรการ' : 'สรุปผล') },
  { th: 'มาตรการที่', en: 'measure no', width: 9, value: ({ s }) => s.measureNo },
  { th: 'ตัวชี้วัดที่', en: 'indicator no', width: 9, value: ({ s }) => s.indicator.no },
  { th: 'ตัวชี้วัด', en: 'indicator', width: 26, value: ({ s }) => s.indicator.name ?? s.indicator.statedName },
  { th: 'ปี', en: 'year', width: 7, value: ({ s }) => s.year },
  { th: 'คะแนน', en: 'score', width: 8, numFmt: SCORE_FORMAT, value: ({ s }) => s.score },
  { th: 'ปีฐาน', en: 'baseline year', width: 7, value: ({ s }) => s.baselineYear },
  { th: 'คะแนนปีฐาน', en: 'baseline score', width: 9, numFmt: SCORE_FORMAT, value: ({ s }) => s.baselineScore },
  { th: 'ผลต่างที่รายงาน', en: 'reported change', width: 9, numFmt: SCORE_FORMAT, value: ({ s }) => s.reportedChange },
  { th: 'แก้ไขโดยผู้ตรวจ', en: 'corrected', width: 32, value: ({ s }) => correctedOf(s) },
];

export function scoreRows(rows: BatchRow[]): ScoreRow[] {
  return rows.flatMap((b) => (b.result?.scores ?? []).map((s) => ({ b, s })));
}
