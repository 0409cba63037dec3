/**
 * DUPLICATE_SUBMISSION: in one batch, the same agency and fiscal year arrive in more than one different file.
 * Identical files are already one report (same hash); this is about different bytes for the same report.
 */
import type { Flag } from '../model/extraction-result.ts';
import type { Db } from '../store/db.ts';
import type { BatchRow } from '../store/batches-repo.ts';
import { SEVERITY } from '../validate/flag.ts';

export async function flagDuplicateSubmissions(db: Db, rows: BatchRow[]): Promise<number> {
  const groups = new Map<string, BatchRow[]>();
  for (const r of rows) {
    const a = r.result?.report;
    if (!a?.agency.name || a.fiscalYear === null) continue;
    const key = `${a.agency.name}|${a.fiscalYear}`;
    if (!groups.has(key)) groups.set(key, []);
    if (!groups.get(key)!.some((x) => x.sha256 === r.sha256)) groups.get(key)!.push(r);
  }
  let raised = 0;
  for (const same of groups.values()) {
    if (same.length < 2) continue;
    for (const r of same) {
      const result = r.result!;
      if (result.flags.some((f) => f.code === 'DUPLICATE_SUBMISSION')) continue;
      const others = same.filter((x) => x !== r).map((x) => x.fileName);
      const flag: Flag = {
        code: 'DUPLICATE_SUBMISSION',
        severity: SEVERITY.DUPLICATE_SUBMISSION,
        message: `${result.report.agency.name} ส่งรายงานปีงบประมาณ ${result.report.fiscalYear} มากกว่าหนึ่งไฟล์ในชุดนี้ (ไฟล์อื่น: ${others.join(', ')})`,
        target: { measureNo: null, indicatorNo: null, field: 'source' },
      };
      result.flags.push(flag);
      await db.tx(async (q) => {
        await q.query(`UPDATE results SET result = $2::json WHERE sha256 = $1`, [r.sha256, JSON.stringify(result)]);
        await q.query(
          `INSERT INTO flags (sha256, idx, code, severity, message, target) VALUES ($1, $2, $3, $4, $5, $6::jsonb) ON CONFLICT (sha256, idx) DO NOTHING`,
          [r.sha256, result.flags.length - 1, flag.code, flag.severity, flag.message, JSON.stringify(flag.target)],
        );
        await q.query(`UPDATE reports SET state = 'needs_review' WHERE sha256 = $1 AND state = 'clean'`, [r.sha256]);
      });
      if (r.state === 'clean') r.state = 'needs_review';
      raised++;
    }
  }
  return raised;
}
