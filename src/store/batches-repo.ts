/** A batch is one unit: a parent record whose reports and failures can be counted while it runs. */
import { checkDuplicateSubmissions } from '../validate/duplicates.ts';
import { randomUUID } from 'node:crypto';
import type { ExtractionResult } from '../model/extraction-result.ts';
import type { Db, Queryable } from './db.ts';
import type { User } from './users-repo.ts';
import { accessSql, type Access } from './review-repo.ts';
import type { ReportState } from './reports-repo.ts';

/** SQL condition (on batches b) for the batches `user` may see: its own, its provinces' (reviewer), or all (admin). */
export function batchAccessSql(user: User, start: number): { sql: string; params: unknown[] } {
  return {
    sql: `($${start} = 'admin' OR b.created_by = $${start + 1} OR ($${start} = 'reviewer' AND b.province = ANY($${start + 2}::text[])))`,
    params: [user.role, user.id, user.provinces],
  };
}

export async function createBatch(db: Queryable, province: string | null, createdBy: number | null = null): Promise<string> {
  const id = randomUUID();
  await db.query(`INSERT INTO batches (id, province, created_by) VALUES ($1, $2, $3)`, [id, province, createdBy]);
  return id;
}

/** Whether `user` may see batch `id`, and its province. */
export async function batchAccess(db: Queryable, user: User, id: string): Promise<{ access: Access; province: string | null }> {
  const a = batchAccessSql(user, 2);
  const [b] = await db.query<{ province: string | null; ok: boolean }>(`SELECT b.province, ${a.sql} AS ok FROM batches b WHERE b.id = $1`, [id, ...a.params]);
  return b ? { access: b.ok ? 'ok' : 'forbidden', province: b.province } : { access: 'missing', province: null };
}

export async function listBatches(db: Queryable, user: User, limit = 100): Promise<Array<{ id: string; province: string | null; created_at: string; files: number }>> {
  const a = batchAccessSql(user, 1);
  return db.query(
    `SELECT b.id, b.province, to_char(b.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS created_at, (SELECT count(*)::int FROM batch_reports r WHERE r.batch_id = b.id) AS files
       FROM batches b WHERE ${a.sql} ORDER BY b.created_at DESC LIMIT ${Math.max(1, Math.floor(limit))}`,
    a.params,
  );
}

export async function addToBatch(db: Queryable, batchId: string, sha256: string, fileName: string): Promise<void> {
  await db.query(`INSERT INTO batch_reports (batch_id, sha256, file_name) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [batchId, sha256, fileName]);
}

/** A file that never became a report (unreadable entry, over a limit): kept with its reason. */
export async function addBatchFailure(db: Queryable, batchId: string, fileName: string, reason: string): Promise<void> {
  await db.query(`INSERT INTO batch_failures (batch_id, file_name, reason) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [batchId, fileName, reason]);
}

export interface BatchProgress {
  files: number;
  reports: number;
  byState: Partial<Record<ReportState, number>>;
  done: number;
  failedFiles: number;
}

export async function batchProgress(db: Queryable, batchId: string): Promise<BatchProgress> {
  const rows = await db.query<{ state: ReportState; n: number; files: number }>(
    `SELECT r.state, count(DISTINCT r.sha256)::int AS n, count(*)::int AS files
       FROM batch_reports b JOIN reports r USING (sha256) WHERE b.batch_id = $1 GROUP BY r.state`,
    [batchId],
  );
  const [{ n: failedFiles }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM batch_failures WHERE batch_id = $1`, [batchId]);
  const byState = Object.fromEntries(rows.map((r) => [r.state, r.n])) as BatchProgress['byState'];
  const reports = rows.reduce((s, r) => s + r.n, 0);
  const done = (byState.clean ?? 0) + (byState.needs_review ?? 0) + (byState.failed ?? 0) + (byState.returned ?? 0);
  return { files: rows.reduce((s, r) => s + r.files, 0) + failedFiles, reports, byState, done, failedFiles };
}

/**
 * Whether a report of the batch is not finished yet (received or extracting: every other state is final). Asked
 * after every report, so it reads only the unfinished reports (partial index reports_unfinished) instead of
 * counting the whole batch by state, which once a report grew with the batch (issue 10).
 */
export async function batchUnfinished(db: Queryable, batchId: string): Promise<boolean> {
  const [row] = await db.query<{ open: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM reports r JOIN batch_reports b USING (sha256)
                     WHERE r.state IN ('received', 'extracting') AND b.batch_id = $1) AS open`,
    [batchId],
  );
  return row.open;
}

/** The batch's distinct reports (batch id $1), each with its file names joined by "; " (identical files sent twice). */
const BATCH_FILES = `(SELECT sha256, string_agg(file_name, '; ' ORDER BY file_name) AS file_name
                     FROM batch_reports WHERE batch_id = $1 GROUP BY sha256)`;

export interface BatchRow {
  /** The batch's file name(s) for these bytes, joined with "; " when identical files came more than once. */
  fileName: string;
  sha256: string;
  state: ReportState;
  failureReason: string | null;
  result: ExtractionResult | null;
}

/**
 * The batch's reports, one row per distinct report (identical files listed together in fileName), by file name. With
 * `viewer`, only the reports that person may see: a batch can hold a report first sent by another agency (the same
 * bytes), and being in someone's batch does not open it to them.
 */
export async function batchRows(db: Queryable, batchId: string, viewer?: User): Promise<BatchRow[]> {
  const all: BatchRow[] = [];
  for await (const page of batchRowPages(db, batchId, viewer)) all.push(...page);
  return all;
}

/**
 * The same rows a page at a time (keyset pagination on file name and hash): the batch command writes its exports
 * from these, so its memory does not grow with the batch (1,000 results held at once were ~300 MB; issue 10).
 */
export async function* batchRowPages(db: Queryable, batchId: string, viewer?: User, pageSize = 100): AsyncGenerator<BatchRow[]> {
  const a = viewer ? accessSql(viewer, 5) : { sql: 'TRUE', params: [] };
  let after: [string, string] = ['', ''];
  for (;;) {
    const rows = await db.query<{ file_name: string; sha256: string; state: ReportState; failure_reason: string | null; result: ExtractionResult | null }>(
      `SELECT b.file_name, b.sha256, r.state, r.failure_reason, x.result
         FROM ${BATCH_FILES} b
         JOIN reports r USING (sha256) LEFT JOIN results x USING (sha256)
        WHERE (b.file_name, b.sha256) > ($2, $3) AND ${a.sql}
        ORDER BY b.file_name, b.sha256
        LIMIT $4`,
      [batchId, after[0], after[1], pageSize, ...a.params],
    );
    if (!rows.length) return;
    yield rows.map((r) => ({ fileName: r.file_name, sha256: r.sha256, state: r.state, failureReason: r.failure_reason, result: r.result }));
    if (rows.length < pageSize) return;
    const last = rows[rows.length - 1];
    after = [last.file_name, last.sha256];
  }
}

export async function batchFailures(db: Queryable, batchId: string): Promise<Array<{ fileName: string; reason: string }>> {
  return (await db.query<{ file_name: string; reason: string }>(`SELECT file_name, reason FROM batch_failures WHERE batch_id = $1 ORDER BY file_name`, [batchId]))
    .map((r) => ({ fileName: r.file_name, reason: r.reason }));
}

/**
 * The checks that need the whole batch (DUPLICATE_SUBMISSION), run once the batch is complete and saved with the
 * reports they concern; idempotent. Called when a report of the batch finishes (in-process or by a queue worker)
 * and when a batch is created from reports that were all stored already.
 */
export async function completeBatchChecks(db: Db, batchId: string): Promise<number> {
  if (await batchUnfinished(db, batchId)) return 0;
  // Only what the check reads (each report's header), not every result of the batch.
  const heads = await db.query<{ file_name: string; sha256: string; report: ExtractionResult['report'] | null }>(
    `SELECT b.file_name, b.sha256, x.result->'report' AS report
       FROM ${BATCH_FILES} b
       LEFT JOIN results x USING (sha256)
      ORDER BY b.file_name, b.sha256`,
    [batchId],
  );
  const rows = heads.map((h) => ({ fileName: h.file_name, sha256: h.sha256, result: h.report ? ({ report: h.report } as ExtractionResult) : null }));
  let saved = 0;
  for (const { sha256, flag } of checkDuplicateSubmissions(rows)) {
    const [{ result }] = await db.query<{ result: ExtractionResult }>(`SELECT result FROM results WHERE sha256 = $1`, [sha256]);
    if (result.flags.some((f) => f.code === flag.code)) continue;
    result.flags.push(flag);
    await db.tx(async (q) => {
      await q.query(`UPDATE results SET result = $2::json WHERE sha256 = $1`, [sha256, JSON.stringify(result)]);
      await q.query(
        `INSERT INTO flags (sha256, idx, code, severity, message, target) VALUES ($1, $2, $3, $4, $5, $6::jsonb) ON CONFLICT (sha256, idx) DO NOTHING`,
        [sha256, result.flags.length - 1, flag.code, flag.severity, flag.message, JSON.stringify(flag.target)],
      );
      await q.query(`UPDATE reports SET state = 'needs_review' WHERE sha256 = $1 AND state = 'clean'`, [sha256]);
    });
    saved++;
  }
  return saved;
}

/** After a report is finished: the batches it belongs to that are now complete get their batch checks. */
export async function completeBatchesOf(db: Db, sha256: string): Promise<void> {
  const batches = await db.query<{ batch_id: string }>(`SELECT DISTINCT batch_id FROM batch_reports WHERE sha256 = $1`, [sha256]);
  for (const b of batches) await completeBatchChecks(db, b.batch_id);
}
