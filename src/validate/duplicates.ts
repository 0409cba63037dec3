/**
 * DUPLICATE_SUBMISSION: in one batch, the same agency and fiscal year arrive in more than one different file.
 * Identical files are already one report (same hash); this is about different bytes for the same report. A pure
 * check over the batch's results; the store saves the flags it returns when the batch completes.
 */
import type { ExtractionResult, Flag } from '../model/extraction-result.ts';
import { SEVERITY } from '../model/flags.ts';

export interface BatchReport {
  sha256: string;
  fileName: string;
  result: ExtractionResult | null;
}

export function checkDuplicateSubmissions(reports: BatchReport[]): Array<{ sha256: string; flag: Flag }> {
  const groups = new Map<string, BatchReport[]>();
  for (const r of reports) {
    const a = r.result?.report;
    if (!a?.agency.name || a.fiscalYear === null) continue;
    const key = `${a.agency.name}|${a.fiscalYear}`;
    if (!groups.has(key)) groups.set(key, []);
    if (!groups.get(key)!.some((x) => x.sha256 === r.sha256)) groups.get(key)!.push(r);
  }
  const out: Array<{ sha256: string; flag: Flag }> = [];
  for (const same of groups.values()) {
    if (same.length < 2) continue;
    for (const r of same) {
      const report = r.result!.report;
      const others = same.filter((x) => x !== r).map((x) => x.fileName);
      out.push({
        sha256: r.sha256,
        flag: {
          code: 'DUPLICATE_SUBMISSION',
          severity: SEVERITY.DUPLICATE_SUBMISSION,
          message: `${report.agency.name} ส่งรายงานปีงบประมาณ ${report.fiscalYear} มากกว่าหนึ่งไฟล์ในชุดนี้ (ไฟล์อื่น: ${others.join(', ')})`,
          target: { measureNo: null, indicatorNo: null, field: 'source' },
        },
      });
    }
  }
  return out;
}
