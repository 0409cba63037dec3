/**
 * Schema migrations, applied in order once each (recorded in schema_migrations). Append; never edit a shipped one.
 * A report's identity is the sha256 of its original bytes; the bytes are kept unchanged in report_files.
 */
import type { Db } from './db.ts';

export const MIGRATIONS: ReadonlyArray<{ version: number; name: string; sql: string }> = [
  {
    version: 1,
    name: 'reports, results, review and batches',
    sql: `
CREATE TABLE reports (
  sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  file_name text NOT NULL,
  size_bytes integer NOT NULL,
  format text,
  state text NOT NULL DEFAULT 'received' CHECK (state IN ('received', 'extracting', 'clean', 'needs_review', 'failed', 'returned')),
  failure_reason text,
  fiscal_year integer,
  agency_name text,
  agency_kind text,
  province text,
  attempts integer NOT NULL DEFAULT 0,
  received_at timestamptz NOT NULL DEFAULT now(),
  processed_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE report_files (
  sha256 text PRIMARY KEY REFERENCES reports (sha256) ON DELETE CASCADE,
  bytes bytea NOT NULL
);
CREATE TABLE results (
  sha256 text PRIMARY KEY REFERENCES reports (sha256) ON DELETE CASCADE,
  result json NOT NULL, -- json, not jsonb: the contract JSON is kept as written (key order included)
  extracted_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE measures (
  sha256 text NOT NULL REFERENCES reports (sha256) ON DELETE CASCADE,
  idx integer NOT NULL,
  no integer,
  title text NOT NULL,
  summary text NOT NULL,
  actions jsonb NOT NULL,
  outcome text NOT NULL,
  provenance jsonb NOT NULL,
  PRIMARY KEY (sha256, idx)
);
CREATE TABLE scores (
  sha256 text NOT NULL REFERENCES reports (sha256) ON DELETE CASCADE,
  idx integer NOT NULL,
  origin text NOT NULL,
  measure_no integer,
  indicator_no integer,
  indicator_name text,
  stated_no integer,
  stated_name text,
  year integer,
  score double precision,
  baseline_year integer,
  baseline_score double precision,
  reported_change double precision,
  provenance jsonb NOT NULL,
  PRIMARY KEY (sha256, idx)
);
CREATE INDEX scores_indicator ON scores (indicator_no);
CREATE TABLE flags (
  id bigserial PRIMARY KEY,
  sha256 text NOT NULL REFERENCES reports (sha256) ON DELETE CASCADE,
  idx integer NOT NULL,
  code text NOT NULL,
  severity text NOT NULL CHECK (severity IN ('error', 'warning', 'info')),
  message text NOT NULL,
  target jsonb NOT NULL,
  expected jsonb,
  evidence jsonb,
  state text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'accepted', 'corrected', 'dismissed')),
  resolved_by text,
  resolved_at timestamptz,
  UNIQUE (sha256, idx)
);
CREATE INDEX flags_open ON flags (state, severity, code);
CREATE TABLE corrections (
  id bigserial PRIMARY KEY,
  flag_id bigint REFERENCES flags (id) ON DELETE SET NULL,
  sha256 text NOT NULL REFERENCES reports (sha256) ON DELETE CASCADE,
  who text NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  field text NOT NULL,
  old_value jsonb,
  new_value jsonb,
  note text
);
CREATE TABLE batches (
  id text PRIMARY KEY,
  province text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE batch_reports (
  batch_id text NOT NULL REFERENCES batches (id) ON DELETE CASCADE,
  sha256 text NOT NULL REFERENCES reports (sha256),
  file_name text NOT NULL,
  PRIMARY KEY (batch_id, file_name)
);
CREATE TABLE batch_failures (
  batch_id text NOT NULL REFERENCES batches (id) ON DELETE CASCADE,
  file_name text NOT NULL,
  reason text NOT NULL,
  PRIMARY KEY (batch_id, file_name)
);`,
  },
  {
    version: 2,
    name: 'users, sessions, API tokens, uploads',
    sql: `
CREATE TABLE users (
  id bigserial PRIMARY KEY,
  username text NOT NULL UNIQUE,
  password_hash text NOT NULL,
  role text NOT NULL CHECK (role IN ('uploader', 'reviewer', 'admin')),
  agency text,
  provinces text[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token text NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE TABLE api_tokens (
  token_hash text PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  label text,
  created_at timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE reports ADD COLUMN uploaded_by bigint REFERENCES users (id) ON DELETE SET NULL;
ALTER TABLE reports ADD COLUMN returned_note text;
ALTER TABLE batches ADD COLUMN created_by bigint REFERENCES users (id) ON DELETE SET NULL;`,
  },
  {
    version: 3,
    name: 'review states confirmed / corrected / dismissed, and the history of every decision',
    sql: `
ALTER TABLE flags DROP CONSTRAINT flags_state_check;
UPDATE flags SET state = 'confirmed' WHERE state = 'accepted';
ALTER TABLE flags ADD CONSTRAINT flags_state_check CHECK (state IN ('open', 'confirmed', 'corrected', 'dismissed'));
CREATE TABLE review_events (
  id bigserial PRIMARY KEY,
  sha256 text NOT NULL REFERENCES reports (sha256) ON DELETE CASCADE,
  flag_id bigint REFERENCES flags (id) ON DELETE SET NULL,
  who text NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  action text NOT NULL CHECK (action IN ('confirm', 'correct', 'dismiss', 'return')),
  code text,
  field text,
  old_value jsonb,
  new_value jsonb,
  note text
);
CREATE INDEX review_events_report ON review_events (sha256, at);`,
  },
  {
    version: 4,
    name: 'the unfinished reports, found without reading the finished ones',
    // Asked after every report (is its batch complete?): with this index the answer costs the reports still
    // waiting, not the whole batch (issue 10).
    sql: `
CREATE INDEX reports_unfinished ON reports (state) WHERE state IN ('received', 'extracting');`,
  },
];

export async function migrate(db: Db): Promise<void> {
  // Two processes starting together: the advisory lock lets one migrate while the other waits (everything,
  // the bookkeeping table included, is created under it).
  await db.tx(async (q) => {
    await q.query('SELECT pg_advisory_xact_lock(4711)');
    await q.query(`CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Set((await q.query<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => r.version));
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      for (const stmt of m.sql.split(/;\s*$/m).map((s) => s.trim()).filter(Boolean)) await q.query(stmt);
      await q.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
    }
  });
}
