/**
 * One database interface over PostgreSQL (pg) and embedded PostgreSQL (PGlite, used when DATABASE_URL is unset).
 * The same SQL runs on both. PGlite is a single-process database: the queue workers need PostgreSQL.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGLITE_CONF } from './pglite-conf.ts';
import { OutageError } from '../model/errors.ts';
import { databaseBlobs, diskBlobs, type BlobStore } from './blobs.ts';
import { migrate } from './migrations.ts';

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

export interface Db extends Queryable {
  kind: 'postgres' | 'pglite';
  /** The original bytes of reports (on disk in embedded mode, in the database with PostgreSQL). */
  blobs: BlobStore;
  /** Runs `fn` in one transaction: all of it or none. */
  tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T>;
  /** Runs several statements (migrations). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

export interface DbOptions {
  databaseUrl: string | null;
  schema?: string;
  /** PGlite folder; undefined → in memory. */
  dataDir?: string;
}

/** Connection problems are transient (retry later); SQL errors are bugs and stay as they are. */
function wrap(e: unknown): never {
  const code = (e as { code?: string }).code ?? '';
  if (['57P03', '53300'].includes(code) || (e instanceof Error && isConnectionError(e))) {
    throw new OutageError('database', `database unavailable: ${(e as Error).message}`, { cause: e });
  }
  throw e;
}

async function openPostgres(url: string, schema: string): Promise<Db> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: url, max: 8, options: `-c search_path=${schema}` });
  pool.on('error', () => {}); // an idle client dropped by the server; the next query reconnects
  const run = async <T>(c: { query: (s: string, p?: unknown[]) => Promise<{ rows: unknown[] }> }, sql: string, params?: unknown[]) => {
    try {
      return (await c.query(sql, params)).rows as T[];
    } catch (e) {
      return wrap(e);
    }
  };
  // IF NOT EXISTS is not safe against a second process doing the same at the same moment (two workers starting
  // together): the loser gets a unique violation on pg_namespace, which means the schema is there.
  await run(pool, `CREATE SCHEMA IF NOT EXISTS ${schema}`).catch((e) => {
    if (!['23505', '42P06'].includes((e as { code?: string }).code ?? '')) throw e;
  });
  const blobs = databaseBlobs();
  return {
    kind: 'postgres',
    blobs,
    query: (sql, params) => run(pool, sql, params),
    async tx(fn) {
      const client = await pool.connect().catch(wrap);
      // pool.on('error') covers idle clients only: a connection lost while this one is checked out emits 'error'
      // on the client itself, which unheard would crash the process. Heard here, the client is then discarded.
      let broken: Error | undefined;
      const onError = (e: Error) => void (broken = e);
      client.on('error', onError);
      try {
        await run(client, 'BEGIN');
        const out = await fn({ query: (sql, params) => run(client, sql, params) });
        await run(client, 'COMMIT');
        return out;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => {});
        broken ??= e as Error;
        throw e;
      } finally {
        client.off('error', onError);
        client.release(broken && isConnectionError(broken) ? broken : undefined);
      }
    },
    async exec(sql) {
      await run(pool, sql);
    },
    close: () => pool.end(),
  };
}

async function openPglite(dataDir: string | undefined, schema: string): Promise<Db> {
  const { PGlite } = await import('@electric-sql/pglite');
  // The data folder holds the database (db/) and the originals (blobs/). A folder made before the blob store is
  // the database itself (it has PG_VERSION at its top): it is opened as it is, its originals stay in it.
  const pgDir = dataDir && !existsSync(join(dataDir, 'PG_VERSION')) ? join(dataDir, 'db') : dataDir;
  if (pgDir && !existsSync(join(pgDir, 'PG_VERSION'))) await initPglite(pgDir);
  const db = await PGlite.create(pgDir, { postgresqlconf: PGLITE_CONF });
  await db.exec(`CREATE SCHEMA IF NOT EXISTS ${schema}; SET search_path TO ${schema};`);
  const blobs = await diskBlobs(dataDir ? join(dataDir, 'blobs') : undefined);
  return {
    kind: 'pglite',
    blobs,
    query: async (sql, params) => (await db.query(sql, params as unknown[])).rows as never,
    tx: (fn) => db.transaction((t) => fn({ query: async (sql, params) => (await t.query(sql, params as unknown[])).rows as never })),
    async exec(sql) {
      await db.exec(sql);
    },
    async close() {
      await db.close();
      await blobs.close();
    },
  };
}

/** A new embedded database folder is made in a child process (pglite-init.ts says why). */
async function initPglite(dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const script = fileURLToPath(new URL('./pglite-init.ts', import.meta.url));
  const r = await new Promise<{ code: number | null; err: string }>((resolve) => {
    // --liftoff-only: see bin/ita-ingest.mjs (initdb peaks at 1.1 GB without it, 0.6 GB with it).
    const child = spawn(process.execPath, ['--liftoff-only', script, dir], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('error', (e) => resolve({ code: -1, err: e.message }));
    child.on('exit', (code) => resolve({ code, err }));
  });
  if (r.code !== 0) throw new Error(`could not create the embedded database in ${dir}: ${r.err.trim().split('\n').pop()}`);
}

export async function openDatabase(opts: DbOptions): Promise<Db> {
  const schema = opts.schema ?? 'public';
  const db = opts.databaseUrl ? await openPostgres(opts.databaseUrl, schema) : await openPglite(opts.dataDir, schema);
  await migrate(db);
  return db;
}

/** An error that means the connection itself is gone (the client must not go back to the pool). */
function isConnectionError(e: Error): boolean {
  const code = (e as { code?: string }).code ?? '';
  return /ECONN|EPIPE|ETIMEDOUT|ENOTFOUND|57P0[1-3]|08\d\d\d/.test(code) || /Connection terminated|connection.*(closed|lost)/i.test(e.message);
}
