/** Building flags: severities live in one table (contract/flags.md), messages are Thai and state the numbers. */
import type { Provenance, ScoreField } from '../model/document.ts';
import type { Flag, FlagCode, FlagTarget } from '../model/extraction-result.ts';
import type { ScoreRecord } from '../model/score-record.ts';

import { SEVERITY } from '../model/flags.ts';

export function flag(
  code: FlagCode,
  target: Partial<FlagTarget>,
  message: string,
  extra: { expected?: unknown; evidence?: Array<Provenance | undefined> } = {},
): Flag {
  const f: Flag = {
    code,
    severity: SEVERITY[code],
    message,
    target: { measureNo: target.measureNo ?? null, indicatorNo: target.indicatorNo ?? null, field: target.field ?? null },
  };
  if (extra.expected !== undefined) f.expected = extra.expected;
  const evidence = (extra.evidence ?? []).filter((e): e is Provenance => !!e);
  if (evidence.length) f.evidence = evidence;
  return f;
}

/** How a reviewer names where a score was read: "มาตรการที่ 1" or the summary block. */
export function whereLabel(s: ScoreRecord): string {
  if (s.origin === 'measure') return s.measureNo !== null ? `มาตรการที่ ${s.measureNo}` : 'มาตรการ (ไม่มีเลขที่)';
  return 'บรรทัดสรุปผล';
}

export function indicatorLabel(s: ScoreRecord): string {
  return s.indicator.name ? `ตัวชี้วัดที่ ${s.indicator.no} ${s.indicator.name}` : s.indicator.statedName ?? 'ตัวชี้วัดที่ไม่ระบุ';
}

export const fmt = (n: number | null | undefined, stated?: string | null) => stated ?? (n === null || n === undefined ? '–' : String(n));

export function targetOf(s: ScoreRecord, field: string): FlagTarget {
  return { measureNo: s.measureNo, indicatorNo: s.indicator.no, field };
}

/** Where one field of a score was read: its own box when known (PDF), else the score's provenance. */
export function fieldProvenance(s: ScoreRecord, field: ScoreField): Provenance {
  const f = s.provenance.fields?.[field];
  return f ? { ...s.provenance, page: f.page, bbox: f.bbox } : s.provenance;
}
