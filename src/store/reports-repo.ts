/**
 * Reports: received once per distinct bytes (sha256), results replaced atomically on re-processing.
 * State: received → extracting → clean | needs_review, or failed with a reason.
 */
import { createHash } from 'node:crypto';
import { viewOf } from '../model/bytes.ts';
import { RefusedError } from '../model/errors.ts';
import type { ExtractionResult } from '../model/extraction-result.ts';
import type { Db, Queryable } from './db.ts';

export type ReportState = 'received' | 'extracting' | 'clean' | 'needs_review' | 'failed' | 'returned';
/** Final states; the other two (received, extracting) are the unfinished ones (index reports_unfinished, batchUnfinished). */
export const TERMINAL_STATES: ReadonlySet<ReportState> = new Set(['clean', 'needs_review', 'failed', 'returned']);

export const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Stores the original bytes (immutable) and the report row; the same bytes twice are one report. */
export async function receiveReport(db: Db, bytes: Uint8Array, fileName: string, uploadedBy: number | null = null): Promise<{ sha256: string; isNew: boolean }> {
  const sha256 = sha256Of(bytes);
  const blobsOnDisk = db.kind === 'pglite';
  // On disk the bytes are written first: a report row never names bytes that are not there (a crash in between
  // leaves only a file that the next receipt of the same bytes reuses).
  if (blobsOnDisk) await db.blobs.put(db, sha256, bytes);
  return db.tx(async (q) => {
    const isNew = await insertReport(q, sha256, fileName, bytes.length, uploadedBy);
    if (isNew && !blobsOnDisk) await db.blobs.put(q, sha256, bytes);
    return { sha256, isNew };
  });
}

/** The report row; false when the bytes were received before. The first to send them owns the report for good. */
async function insertReport(q: Queryable, sha256: string, fileName: string, size: number, uploadedBy: number | null): Promise<boolean> {
  const inserted = await q.query(
    `INSERT INTO reports (sha256, file_name, size_bytes, uploaded_by) VALUES ($1, $2, $3, $4) ON CONFLICT (sha256) DO NOTHING RETURNING sha256`,
    [sha256, fileName, size, uploadedBy],
  );
  return inserted.length > 0;
}

/**
 * Receives an upload as it arrives: on disk (embedded mode) it is hashed and written on the way and never held
 * in memory; with PostgreSQL it is buffered and stored as bytea. An empty upload is refused and leaves nothing.
 */
export async function receiveStream(db: Db, stream: AsyncIterable<Uint8Array>, fileName: string, uploadedBy: number | null = null): Promise<{ sha256: string; isNew: boolean }> {
  if (!db.blobs.putStream) {
    const chunks: Uint8Array[] = [];
    for await (const c of stream) chunks.push(c);
    const bytes = viewOf(Buffer.concat(chunks));
    if (bytes.length === 0) throw new RefusedError('invalid', `${fileName}: the file is empty (0 bytes)`);
    return receiveReport(db, bytes, fileName, uploadedBy);
  }
  const { sha256, size } = await db.blobs.putStream(stream);
  if (size === 0) throw new RefusedError('invalid', `${fileName}: the file is empty (0 bytes)`);
  return { sha256, isNew: await insertReport(db, sha256, fileName, size, uploadedBy) };
}

/**
 * A report about to be read: marked extracting, with its name, size and first KB (what decides a refusal before
 * the whole file is read) in one round trip. Null when no report has this hash; `head` null when its stored
 * original is missing.
 */
export async function startExtracting(db: Db, sha256: string): Promise<{ head: Uint8Array | null; size: number; fileName: string } | null> {
  const [row] = await db.query<{ file_name: string; size_bytes: number }>(
    `UPDATE reports SET state = 'extracting', attempts = attempts + 1, updated_at = now() WHERE sha256 = $1 RETURNING file_name, size_bytes`,
    [sha256],
  );
  return row ? { head: await db.blobs.head(db, sha256, 1024), size: row.size_bytes, fileName: row.file_name } : null;
}

export async function reportFile(db: Db, sha256: string): Promise<{ bytes: Uint8Array; fileName: string; format: string | null } | null> {
  const [row] = await db.query<{ file_name: string; format: string | null }>(`SELECT file_name, format FROM reports WHERE sha256 = $1`, [sha256]);
  if (!row) return null;
  const bytes = await db.blobs.get(db, sha256);
  return bytes ? { bytes, fileName: row.file_name, format: row.format } : null;
}

export async function markFailed(db: Queryable, sha256: string, reason: string): Promise<void> {
  await db.query(
    `UPDATE reports SET state = 'failed', failure_reason = $2, processed_at = now(), updated_at = now() WHERE sha256 = $1`,
    [sha256, reason],
  );
}

/** A transient failure: the report goes back to waiting for another attempt. */
export async function markRetry(db: Queryable, sha256: string, reason: string): Promise<void> {
  await db.query(`UPDATE reports SET state = 'received', failure_reason = $2, updated_at = now() WHERE sha256 = $1`, [sha256, reason]);
}

/** needs_review when any error or warning flag is open; clean otherwise. */
export function stateOf(result: ExtractionResult): ReportState {
  return result.flags.some((f) => f.severity !== 'info') ? 'needs_review' : 'clean';
}

/**
 * Rows as one JSON array, inserted by one statement (json_populate_recordset takes the table's own column types):
 * a report's ten measures and twenty scores were thirty round trips into the database, which in the embedded
 * database cost more than reading the report (issue 10: 4 s of a 320-report batch).
 */
async function insertRows(q: Queryable, table: 'measures' | 'scores' | 'flags', rows: Array<Record<string, unknown>>): Promise<void> {
  if (!rows.length) return;
  const cols = Object.keys(rows[0]).join(', ');
  await q.query(`INSERT INTO ${table} (${cols}) SELECT ${cols} FROM json_populate_recordset(NULL::${table}, $1::json)`, [JSON.stringify(rows)]);
}

/** Replaces the report's result, measures, scores and flags in one transaction. */
export async function saveResult(db: Db, sha256: string, result: ExtractionResult): Promise<ReportState> {
  const state = stateOf(result);
  await db.tx(async (q) => {
    // A report's measures, scores and flags are only ever written with its result, in this transaction: when the
    // result row is new (xmax = 0: inserted, not updated) there are none to remove, and three statements are saved.
    const [{ fresh }] = await q.query<{ fresh: boolean }>(
      `INSERT INTO results (sha256, result, extracted_at) VALUES ($1, $2::json, now())
       ON CONFLICT (sha256) DO UPDATE SET result = EXCLUDED.result, extracted_at = now()
       RETURNING (xmax = 0) AS fresh`,
      [sha256, JSON.stringify(result)],
    );
    if (!fresh) {
      await q.query(`DELETE FROM measures WHERE sha256 = $1`, [sha256]);
      await q.query(`DELETE FROM scores WHERE sha256 = $1`, [sha256]);
      await q.query(`DELETE FROM flags WHERE sha256 = $1`, [sha256]);
    }
    await insertRows(q, 'measures', result.measures.map((m, idx) => ({
      sha256, idx, no: m.no, title: m.title, summary: m.summary, actions: m.actions ?? null, outcome: m.outcome, provenance: m.provenance ?? null,
    })));
    await insertRows(q, 'scores', result.scores.map((s, idx) => ({
      sha256, idx, origin: s.origin, measure_no: s.measureNo, indicator_no: s.indicator.no, indicator_name: s.indicator.name,
      stated_no: s.indicator.statedNo, stated_name: s.indicator.statedName, year: s.year, score: s.score, baseline_year: s.baselineYear,
      baseline_score: s.baselineScore, reported_change: s.reportedChange, provenance: s.provenance ?? null,
    })));
    await insertRows(q, 'flags', result.flags.map((f, idx) => ({
      sha256, idx, code: f.code, severity: f.severity, message: f.message, target: f.target ?? null, expected: f.expected ?? null, evidence: f.evidence ?? null,
    })));
    await q.query(
      `UPDATE reports SET state = $2, failure_reason = NULL, format = $3, fiscal_year = $4, agency_name = $5, agency_kind = $6,
         province = $7, processed_at = now(), updated_at = now() WHERE sha256 = $1`,
      [sha256, state, result.source.format, result.report.fiscalYear, result.report.agency.name, result.report.agency.kind, result.report.agency.province],
    );
  });
  return state;
}

export interface StoredReport {
  sha256: string;
  fileName: string;
  state: ReportState;
  failureReason: string | null;
  /** The reviewer's note when the report was sent back. */
  returnedNote: string | null;
  result: ExtractionResult | null;
}

export async function getReport(db: Queryable, sha256: string): Promise<StoredReport | null> {
  const rows = await db.query<{ sha256: string; file_name: string; state: ReportState; failure_reason: string | null; returned_note: string | null; result: ExtractionResult | null }>(
    `SELECT r.sha256, r.file_name, r.state, r.failure_reason, r.returned_note, x.result FROM reports r LEFT JOIN results x USING (sha256) WHERE r.sha256 = $1`,
    [sha256],
  );
  const r = rows[0];
  return r ? { sha256: r.sha256, fileName: r.file_name, state: r.state, failureReason: r.failure_reason, returnedNote: r.returned_note, result: r.result } : null;
}
