/**
 * Review: who may see a report, the flag queue, and resolving a flag (accept, dismiss, or correct the value —
 * audited: who, when, field, old, new, note). A correction changes the stored records and the result JSON, whose
 * provenance then says the value was corrected, so every export shows it.
 */
import { RefusedError } from '../model/errors.ts';
import { FLAGS, type FlagCode } from '../model/flags.ts';
import type { ExtractionResult, Score } from '../model/extraction-result.ts';
import type { Db, Queryable } from './db.ts';
import type { User } from './users-repo.ts';


/** The province a report belongs to: read from it, or given with the batch it came in. */
const PROVINCE_SQL = `coalesce(r.province, (SELECT b.province FROM batch_reports br JOIN batches b ON b.id = br.batch_id
  WHERE br.sha256 = r.sha256 AND b.province IS NOT NULL ORDER BY b.created_at LIMIT 1))`;

/** SQL condition (on reports r) for what `user` may see; parameters start at $start. */
export function accessSql(user: User, start: number): { sql: string; params: unknown[] } {
  if (user.role === 'admin') return { sql: 'TRUE', params: [] };
  const own = `r.uploaded_by = $${start}`;
  if (user.role === 'reviewer') return { sql: `(${own} OR ${PROVINCE_SQL} = ANY($${start + 1}::text[]))`, params: [user.id, user.provinces] };
  return { sql: `(${own} OR (r.agency_name IS NOT NULL AND r.agency_name = $${start + 1}))`, params: [user.id, user.agency] };
}

export type Access = 'ok' | 'forbidden' | 'missing';

export async function reportAccess(db: Queryable, user: User, sha256: string): Promise<Access> {
  const a = accessSql(user, 2);
  const rows = await db.query<{ ok: boolean }>(`SELECT (${a.sql}) AS ok FROM reports r WHERE r.sha256 = $1`, [sha256, ...a.params]);
  return rows[0] ? (rows[0].ok ? 'ok' : 'forbidden') : 'missing';
}

export interface FlagFilter {
  state?: string;
  severity?: string;
  province?: string;
  code?: string;
  sha256?: string;
  batch?: string;
  page: number;
  pageSize: number;
}

export interface QueueItem {
  id: number;
  sha256: string;
  idx: number;
  code: string;
  severity: string;
  message: string;
  target: { measureNo: number | null; indicatorNo: number | null; field: string | null };
  expected: unknown;
  evidence: unknown;
  state: string;
  resolvedBy: string | null;
  resolvedAt: string | null;
  report: { fileName: string; format: string | null; agency: string | null; province: string | null; fiscalYear: number | null };
}

export async function listFlags(db: Queryable, user: User, f: FlagFilter): Promise<{ items: QueueItem[]; total: number; page: number; pageSize: number }> {
  const params: unknown[] = [];
  const where: string[] = [];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (f.state) add('f.state = ?', f.state);
  // A report sent back waits for the agency's new version: its open flags leave the queue.
  if (f.state === 'open') where.push(`r.state <> 'returned'`);
  if (f.severity) add('f.severity = ?', f.severity);
  if (f.code) add('f.code = ?', f.code);
  if (f.sha256) add('f.sha256 = ?', f.sha256);
  if (f.province) add(`${PROVINCE_SQL} = ?`, f.province);
  if (f.batch) add('f.sha256 IN (SELECT sha256 FROM batch_reports WHERE batch_id = ?)', f.batch);
  const a = accessSql(user, params.length + 1);
  params.push(...a.params);
  where.push(a.sql);
  const base = `FROM flags f JOIN reports r USING (sha256) WHERE ${where.join(' AND ')}`;
  const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n ${base}`, params);
  const rows = await db.query<Record<string, unknown>>(
    `SELECT f.id, f.sha256, f.idx, f.code, f.severity, f.message, f.target, f.expected, f.evidence, f.state, f.resolved_by,
            f.resolved_at::text AS resolved_at, r.file_name, r.format, r.agency_name, ${PROVINCE_SQL} AS province, r.fiscal_year
       ${base}
      ORDER BY CASE f.severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, r.received_at, f.sha256, f.idx
      LIMIT ${f.pageSize} OFFSET ${(f.page - 1) * f.pageSize}`,
    params,
  );
  return {
    total: n,
    page: f.page,
    pageSize: f.pageSize,
    items: rows.map((r) => ({
      id: Number(r.id), sha256: r.sha256 as string, idx: r.idx as number, code: r.code as string, severity: r.severity as string,
      title: FLAGS[r.code as FlagCode]?.th ?? null, titleEn: FLAGS[r.code as FlagCode]?.en ?? null, explain: FLAGS[r.code as FlagCode]?.explain ?? null,
      message: r.message as string, target: r.target as QueueItem['target'], expected: r.expected, evidence: r.evidence,
      state: r.state as string, resolvedBy: (r.resolved_by as string) ?? null, resolvedAt: (r.resolved_at as string) ?? null,
      report: { fileName: r.file_name as string, format: (r.format as string) ?? null, agency: (r.agency_name as string) ?? null, province: (r.province as string) ?? null, fiscalYear: (r.fiscal_year as number) ?? null },
    })),
  };
}

export async function flagStates(db: Queryable, sha256: string): Promise<Array<{ id: number; idx: number; state: string; resolvedBy: string | null }>> {
  return (await db.query<{ id: string; idx: number; state: string; resolved_by: string | null }>(`SELECT id, idx, state, resolved_by FROM flags WHERE sha256 = $1 ORDER BY idx`, [sha256]))
    .map((r) => ({ id: Number(r.id), idx: r.idx, state: r.state, resolvedBy: r.resolved_by }));
}

const SCORE_FIELDS = { score: 'score', baselineScore: 'baseline_score', reportedChange: 'reported_change', year: 'year', baselineYear: 'baseline_year' } as const;
type ScoreField = keyof typeof SCORE_FIELDS;

/**
 * What a correction value must be for its field, said in the 400 answer (Thai first): a year is a Buddhist Era year
 * (2540–2600) written as a whole number; a score a number from 0 to 100; a change any number.
 */
function correctionProblem(field: ScoreField, raw: unknown, value: number): string | null {
  if (raw === undefined || raw === null || raw === '' || !Number.isFinite(value)) {
    return `ค่าที่แก้ต้องเป็นตัวเลข: a correction of ${field} needs a number in "value"`;
  }
  if ((field === 'year' || field === 'baselineYear') && !(Number.isInteger(value) && value >= 2540 && value <= 2600)) {
    return `ปีต้องเป็นปี พ.ศ. เช่น 2567: a correction of ${field} needs a Buddhist Era year from 2540 to 2600 (got ${raw})`;
  }
  if ((field === 'score' || field === 'baselineScore') && (value < 0 || value > 100)) {
    return `คะแนนต้องอยู่ระหว่าง 0 ถึง 100: a correction of ${field} needs a score from 0 to 100 (got ${raw})`;
  }
  return null;
}

/**
 * What a reviewer decides about a flag:
 * - confirm: the document is wrong (it goes back to the agency, or stays noted); a confirmed error keeps the report
 *   out of "clean" until it is sent back;
 * - correct: our reading was wrong; the value is fixed everywhere, audited;
 * - dismiss: not a problem.
 * `accept` is the former name of confirm, still taken from older clients.
 */
export interface Resolution {
  action: 'confirm' | 'accept' | 'correct' | 'dismiss';
  value?: unknown;
  note?: string;
}

/** Resolves one flag; a correction rewrites the targeted value everywhere and is recorded. */
export async function resolveFlag(db: Db, user: User, flagId: number, r: Resolution): Promise<{ flagId: number; state: string; reportState: string }> {
  return db.tx(async (q) => {
    const rows = await q.query<{ sha256: string; target: QueueItem['target']; code: string }>(`SELECT sha256, target, code FROM flags WHERE id = $1 FOR UPDATE`, [flagId]);
    const flag = rows[0];
    if (!flag) throw new RefusedError('not-found', `no flag ${flagId}`);
    const access = await reportAccess(q, user, flag.sha256);
    if (access !== 'ok') throw new RefusedError('forbidden', 'this flag belongs to a report you may not review (another province or agency)');
    if (user.role === 'uploader') throw new RefusedError('forbidden', 'only reviewers and admins resolve flags');
    const action = r.action === 'accept' ? 'confirm' : r.action;
    const state = action === 'confirm' ? 'confirmed' : action === 'dismiss' ? 'dismissed' : 'corrected';
    if (action === 'correct') await applyCorrection(q, user, { id: flagId, sha256: flag.sha256, code: flag.code, target: flag.target }, r);
    else await recordEvent(q, { sha256: flag.sha256, flagId, who: user.username, action, code: flag.code, field: flag.target.field, note: r.note ?? null });
    await q.query(`UPDATE flags SET state = $2, resolved_by = $3, resolved_at = now() WHERE id = $1`, [flagId, state, user.username]);
    // Clean only when no error or warning is still open and no confirmed error waits to be sent back.
    const [{ pending }] = await q.query<{ pending: number }>(
      `SELECT count(*)::int AS pending FROM flags WHERE sha256 = $1
          AND ((state = 'open' AND severity IN ('error','warning')) OR (state = 'confirmed' AND severity = 'error'))`,
      [flag.sha256],
    );
    const [rep] = await q.query<{ state: string }>(
      `UPDATE reports SET state = CASE WHEN state IN ('needs_review','clean') THEN (CASE WHEN $2::int = 0 THEN 'clean' ELSE 'needs_review' END) ELSE state END,
              updated_at = now() WHERE sha256 = $1 RETURNING state`,
      [flag.sha256, pending],
    );
    return { flagId, state, reportState: rep.state };
  });
}

async function applyCorrection(q: Queryable, user: User, flag: { id: number; sha256: string; code: string; target: QueueItem['target'] }, r: Resolution): Promise<void> {
  const { id: flagId, sha256, target } = flag;
  const field = target.field ?? '';
  const [{ result }] = await q.query<{ result: ExtractionResult }>(`SELECT result FROM results WHERE sha256 = $1`, [sha256]);
  const at = new Date().toISOString();
  const record = async (old: unknown, value: unknown) => {
    await q.query(
      `INSERT INTO corrections (flag_id, sha256, who, field, old_value, new_value, note) VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7)`,
      [flagId, sha256, user.username, field, JSON.stringify(old ?? null), JSON.stringify(value), r.note ?? null],
    );
    await recordEvent(q, { sha256, flagId, who: user.username, action: 'correct', code: flag.code, field, old, value, note: r.note ?? null });
  };
  if (field in SCORE_FIELDS) {
    const value = Number(r.value);
    const problem = correctionProblem(field as ScoreField, r.value, value);
    if (problem) throw new RefusedError('invalid', problem);
    const targets = result.scores
      .map((s, idx) => ({ s, idx }))
      .filter(({ s }) => (target.measureNo !== null ? s.origin === 'measure' && s.measureNo === target.measureNo : s.origin === 'summary')
        && (target.indicatorNo === null || s.indicator.no === target.indicatorNo));
    if (!targets.length) throw new RefusedError('conflict', 'the value this flag points at is no longer in the report');
    for (const { s, idx } of targets) {
      const old = s[field as ScoreField];
      (s as unknown as Record<string, unknown>)[field] = value;
      (s.provenance as Score['provenance'] & { corrected?: unknown[] }).corrected = [
        ...(((s.provenance as { corrected?: unknown[] }).corrected) ?? []),
        { field, from: old, to: value, by: user.username, at, note: r.note ?? null },
      ];
      await q.query(`UPDATE scores SET ${SCORE_FIELDS[field as ScoreField]} = $3 WHERE sha256 = $1 AND idx = $2`, [sha256, idx, value]);
      await record(old, value);
    }
  } else if (field === 'fiscalYear' || field === 'agency') {
    if (typeof r.value !== (field === 'fiscalYear' ? 'number' : 'string')) throw new RefusedError('invalid', `a correction of ${field} needs a ${field === 'fiscalYear' ? 'number' : 'text'} "value"`);
    const old = field === 'fiscalYear' ? result.report.fiscalYear : result.report.agency.name;
    if (field === 'fiscalYear') result.report.fiscalYear = r.value as number;
    else result.report.agency.name = r.value as string;
    (result.report as { corrected?: unknown[] }).corrected = [...(((result.report as { corrected?: unknown[] }).corrected) ?? []), { field, from: old, to: r.value, by: user.username, at }];
    await q.query(field === 'fiscalYear' ? `UPDATE reports SET fiscal_year = $2 WHERE sha256 = $1` : `UPDATE reports SET agency_name = $2 WHERE sha256 = $1`, [sha256, r.value]);
    await record(old, r.value);
  } else {
    throw new RefusedError('invalid', `the field "${field || 'of this flag'}" cannot be corrected; accept or dismiss the flag instead`);
  }
  await q.query(`UPDATE results SET result = $2::json WHERE sha256 = $1`, [sha256, JSON.stringify(result)]);
}

export async function returnReport(db: Db, user: User, sha256: string, note: string): Promise<void> {
  if (user.role === 'uploader') throw new RefusedError('forbidden', 'only reviewers and admins send reports back');
  await db.tx(async (q) => {
    await q.query(`UPDATE reports SET state = 'returned', returned_note = $2, updated_at = now() WHERE sha256 = $1`, [sha256, `${note} (${user.username})`]);
    await recordEvent(q, { sha256, flagId: null, who: user.username, action: 'return', code: null, field: null, note });
  });
}

interface ReviewEvent {
  sha256: string;
  flagId: number | null;
  who: string;
  action: 'confirm' | 'correct' | 'dismiss' | 'return';
  code: string | null;
  field: string | null;
  old?: unknown;
  value?: unknown;
  note: string | null;
}

async function recordEvent(q: Queryable, e: ReviewEvent): Promise<void> {
  await q.query(
    `INSERT INTO review_events (sha256, flag_id, who, action, code, field, old_value, new_value, note) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9)`,
    [e.sha256, e.flagId, e.who, e.action, e.code, e.field, e.old === undefined ? null : JSON.stringify(e.old), e.value === undefined ? null : JSON.stringify(e.value), e.note],
  );
}

/** Every decision on a report, oldest first: who, when, what (confirm, correct old → new, dismiss, return), note. */
export async function reviewHistory(db: Queryable, sha256: string): Promise<Array<{ at: string; who: string; action: string; code: string | null; field: string | null; old: unknown; new: unknown; note: string | null }>> {
  const rows = await db.query<{ at: string; who: string; action: string; code: string | null; field: string | null; old_value: unknown; new_value: unknown; note: string | null }>(
    `SELECT to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS at, who, action, code, field, old_value, new_value, note FROM review_events WHERE sha256 = $1 ORDER BY id`,
    [sha256],
  );
  return rows.map((r) => ({ at: r.at, who: r.who, action: r.action, code: r.code, field: r.field, old: r.old_value, new: r.new_value, note: r.note }));
}

export async function corrections(db: Queryable, sha256: string): Promise<Array<Record<string, unknown>>> {
  return db.query(`SELECT id, flag_id, who, at::text AS at, field, old_value, new_value, note FROM corrections WHERE sha256 = $1 ORDER BY id`, [sha256]);
}
