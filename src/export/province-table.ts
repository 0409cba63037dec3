/**
 * The province table (agency × official ITA indicator) and the review lists, as rows any writer can format.
 * An indicator's score comes from the measure table when the report states one there, else from its summary block.
 */
import type { ExtractionResult, Flag } from '../model/extraction-result.ts';
import type { BatchRow } from '../store/batches-repo.ts';

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

export const PROVINCE_HEADER = [
  'agency', 'kind', 'province', 'fiscal_year', 'file', 'state',
  ...INDICATOR_NOS.map((n) => `indicator_${n}`), 'errors', 'warnings', 'infos', 'sha256',
];

export function provinceCells(r: ProvinceRow): Array<string | number | null> {
  return [r.agency, r.kind, r.province, r.fiscalYear, r.file, r.state, ...INDICATOR_NOS.map((n) => r.scores[n]), r.errors, r.warnings, r.infos, r.sha256];
}

export const FLAG_HEADER = ['file', 'agency', 'severity', 'code', 'measure_no', 'indicator_no', 'field', 'expected', 'message', 'sha256'];

export function flagCells(rows: BatchRow[]): Array<Array<string | number | null>> {
  return rows.flatMap((b) =>
    (b.result?.flags ?? []).map((f) => [
      b.fileName, b.result?.report.agency.name ?? null, f.severity, f.code, f.target.measureNo, f.target.indicatorNo, f.target.field,
      f.expected === undefined ? null : JSON.stringify(f.expected), f.message, b.sha256,
    ]),
  );
}

export const SCORE_HEADER = ['file', 'agency', 'origin', 'measure_no', 'indicator_no', 'indicator', 'year', 'score', 'baseline_year', 'baseline_score', 'reported_change', 'corrected'];

/** One row per score; `corrected` lists each reviewer correction as "field from → to (by)". */
export function scoreCells(rows: BatchRow[]): Array<Array<string | number | null>> {
  return rows.flatMap((b) =>
    (b.result?.scores ?? []).map((s) => {
      const corrected = ((s.provenance as { corrected?: Array<{ field: string; from: unknown; to: unknown; by: string }> }).corrected ?? [])
        .map((c) => `${c.field} ${c.from} → ${c.to} (${c.by})`).join('; ');
      return [b.fileName, b.result?.report.agency.name ?? null, s.origin, s.measureNo, s.indicator.no, s.indicator.name ?? s.indicator.statedName,
        s.year, s.score, s.baselineYear, s.baselineScore, s.reportedChange, corrected || null];
    }),
  );
}
