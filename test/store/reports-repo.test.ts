/** The same store tests on the local PostgreSQL (own schema) and on embedded PGlite. */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractReport } from '../../src/pipeline.ts';
import { writeBatchOutputs } from '../../src/export/writers.ts';
import { PermanentError } from '../../src/model/errors.ts';
import { processStoredReport } from '../../src/workers/process-report.ts';
import { addToBatch, batchProgress, batchRowPages, batchRows, createBatch } from '../../src/store/batches-repo.ts';
import { openDatabase, type Db } from '../../src/store/db.ts';
import { MIGRATIONS, migrate } from '../../src/store/migrations.ts';
import { getReport, markFailed, receiveReport, reportFile, saveResult } from '../../src/store/reports-repo.ts';
import { ROOT } from '../helpers/cli.ts';
import { PG_URL, dropSchema, uniqueName } from '../helpers/services.ts';

const seedBytes = new Uint8Array(readFileSync(join(ROOT, 'fixtures/seed/laharnsai-2568.mixed.txt')));

describe.each([
  ['PostgreSQL', true],
  ['PGlite', false],
] as const)('store on %s', (_name, postgres) => {
  let db: Db;
  const schema = uniqueName('t_store');
  beforeAll(async () => {
    db = await openDatabase({ databaseUrl: postgres ? PG_URL : null, schema });
  });
  afterAll(async () => {
    await db.close();
    if (postgres) await dropSchema(schema);
  });

  it('migrates once: running the migrations again changes nothing', async () => {
    await migrate(db);
    const rows = await db.query<{ version: number }>('SELECT version FROM schema_migrations');
    expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
  });

  it('stores the same bytes once, keeping the original bytes unchanged', async () => {
    const a = await receiveReport(db, seedBytes, 'a.txt');
    const b = await receiveReport(db, seedBytes, 'copy-of-a.txt');
    expect(a).toEqual({ sha256: a.sha256, isNew: true });
    expect(b).toEqual({ sha256: a.sha256, isNew: false });
    const file = await reportFile(db, a.sha256);
    expect(Buffer.from(file!.bytes).equals(Buffer.from(seedBytes))).toBe(true);
    expect(file!.fileName).toBe('a.txt');
  });

  it('saves a result with its measures, scores and flags, and replaces them atomically on re-processing', async () => {
    const { sha256 } = await receiveReport(db, seedBytes, 'a.txt');
    const result = await extractReport(seedBytes, 'a.txt');
    expect(await saveResult(db, sha256, result)).toBe('needs_review');
    expect(await saveResult(db, sha256, result)).toBe('needs_review');
    const count = async (table: string) => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE sha256 = $1`, [sha256]))[0].n;
    expect([await count('results'), await count('measures'), await count('scores'), await count('flags')]).toEqual([1, 5, 10, result.flags.length]);
    const stored = await getReport(db, sha256);
    expect(stored?.state).toBe('needs_review');
    expect(stored?.result?.scores[0].score).toBe(99.56);
    const [row] = await db.query<{ score: number; agency_name: string }>(
      `SELECT s.score, r.agency_name FROM scores s JOIN reports r USING (sha256) WHERE sha256 = $1 AND idx = 0`, [sha256]);
    expect(row).toEqual({ score: 99.56, agency_name: 'องค์การบริหารส่วนตำบลละหานทราย' });
  });

  it('stores every measure, score and flag column as the result has it (nulls, numbers, nested JSON)', async () => {
    const { sha256 } = await receiveReport(db, seedBytes, 'a.txt');
    const result = await extractReport(seedBytes, 'a.txt');
    await saveResult(db, sha256, result);
    const rows = (table: string) => db.query<Record<string, unknown>>(`SELECT * FROM ${table} WHERE sha256 = $1 ORDER BY idx`, [sha256]);
    expect((await rows('measures')).map(({ sha256: _s, ...m }) => m)).toEqual(result.measures.map((m, idx) => ({
      idx, no: m.no, title: m.title, summary: m.summary, actions: m.actions, outcome: m.outcome, provenance: m.provenance,
    })));
    expect((await rows('scores')).map(({ sha256: _s, ...s }) => s)).toEqual(result.scores.map((s, idx) => ({
      idx, origin: s.origin, measure_no: s.measureNo, indicator_no: s.indicator.no, indicator_name: s.indicator.name,
      stated_no: s.indicator.statedNo, stated_name: s.indicator.statedName, year: s.year, score: s.score, baseline_year: s.baselineYear,
      baseline_score: s.baselineScore, reported_change: s.reportedChange, provenance: s.provenance,
    })));
    expect(result.scores.some((s) => s.baselineScore === null)).toBe(true);
    expect((await rows('flags')).map((f) => [f.idx, f.code, f.severity, f.message, f.target, f.expected ?? undefined, f.evidence ?? undefined, f.state]))
      .toEqual(result.flags.map((f, idx) => [idx, f.code, f.severity, f.message, f.target, f.expected, f.evidence, 'open']));
    expect(result.flags.length).toBeGreaterThan(1);
  });

  it('a failed save leaves the previous result in place', async () => {
    const { sha256 } = await receiveReport(db, seedBytes, 'a.txt');
    const result = await extractReport(seedBytes, 'a.txt');
    const broken = { ...result, flags: [...result.flags, { ...result.flags[0], severity: 'fatal' as never }] };
    await expect(saveResult(db, sha256, broken)).rejects.toThrow();
    expect((await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM flags WHERE sha256 = $1`, [sha256]))[0].n).toBe(result.flags.length);
  });

  it('counts a batch by state', async () => {
    const { sha256 } = await receiveReport(db, seedBytes, 'a.txt');
    const bad = await receiveReport(db, new TextEncoder().encode('not a report at all'), 'bad.txt');
    await markFailed(db, bad.sha256, 'test reason');
    const batch = await createBatch(db, 'บุรีรัมย์');
    await addToBatch(db, batch, sha256, 'a.txt');
    await addToBatch(db, batch, bad.sha256, 'bad.txt');
    expect(await batchProgress(db, batch)).toEqual({ files: 2, reports: 2, byState: { needs_review: 1, failed: 1 }, done: 2, failedFiles: 0 });
  });

  it.runIf(postgres)('a report whose stored original is gone is marked failed with that reason, not left extracting', async () => {
    const bytes = new TextEncoder().encode(`${readFileSync(join(ROOT, 'fixtures/seed/laharnsai-2568.mixed.txt'), 'utf8')}\nlost`);
    const { sha256 } = await receiveReport(db, bytes, 'lost.txt');
    await db.query(`DELETE FROM report_files WHERE sha256 = $1`, [sha256]);
    await expect(processStoredReport(db, sha256, extractReport)).rejects.toThrow(PermanentError);
    const r = await getReport(db, sha256);
    expect([r?.state, r?.failureReason]).toEqual(['failed', 'the stored original is missing']);
    await expect(processStoredReport(db, 'f'.repeat(64), extractReport)).rejects.toThrow('no stored file with this hash');
  });

  it('gives a batch a page at a time, and the exports written from pages equal those written from all rows', async () => {
    const batch = await createBatch(db, 'บุรีรัมย์');
    const variants = readdirSync(join(ROOT, 'fixtures/variants')).filter((f) => f.endsWith('.txt')).sort().slice(0, 7);
    for (const [i, f] of variants.entries()) {
      const bytes = new Uint8Array(readFileSync(join(ROOT, 'fixtures/variants', f)));
      const { sha256 } = await receiveReport(db, bytes, f);
      // One file sent twice under two names: one row, listed under both, neither skipped nor repeated by the pages.
      await addToBatch(db, batch, sha256, f);
      if (i === 3) await addToBatch(db, batch, sha256, `copy-of-${f}`);
      await saveResult(db, sha256, await extractReport(bytes, f));
    }
    const all = await batchRows(db, batch);
    const paged: typeof all = [];
    let pages = 0;
    for await (const page of batchRowPages(db, batch, undefined, 2)) {
      expect(page.length).toBeLessThanOrEqual(2);
      paged.push(...page);
      pages++;
    }
    expect(all).toHaveLength(variants.length);
    expect(all.filter((r) => r.fileName.includes('; '))).toHaveLength(1);
    expect(paged).toEqual(all);
    expect(pages).toBe(Math.ceil(variants.length / 2));
    const dirs = [mkdtempSync(join(tmpdir(), 'ita-whole-')), mkdtempSync(join(tmpdir(), 'ita-paged-'))];
    try {
      await writeBatchOutputs(dirs[0], all, [], 'บุรีรัมย์');
      const out = await writeBatchOutputs(dirs[1], batchRowPages(db, batch, undefined, 3), [], 'บุรีรัมย์');
      for (const f of ['reports.jsonl', 'province.csv', 'flags.csv', 'failures.csv']) {
        expect(readFileSync(join(dirs[1], f), 'utf8'), f).toBe(readFileSync(join(dirs[0], f), 'utf8'));
      }
      expect(readFileSync(join(dirs[1], 'reports.jsonl'), 'utf8').trim().split('\n')).toHaveLength(variants.length);
      expect(Object.values(out.byState).reduce((a, b) => a + b, 0)).toBe(variants.length);
    } finally {
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    }
  });
});

describe('opening a new PostgreSQL schema from several processes at once', () => {
  it('all succeed and migrate once (CREATE SCHEMA IF NOT EXISTS races are absorbed, migrations locked)', async () => {
    const schema = uniqueName('t_race');
    try {
      const dbs = await Promise.all(Array.from({ length: 6 }, () => openDatabase({ databaseUrl: PG_URL, schema })));
      const rows = await dbs[0].query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
      expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
      await Promise.all(dbs.map((d) => d.close()));
    } finally {
      await dropSchema(schema);
    }
  });
});
