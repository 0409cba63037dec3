/**
 * Configuration, read from the environment once, validated, and passed in. Wiring happens per role (cli/*).
 */
import { availableParallelism } from 'node:os';

export interface Config {
  /** PostgreSQL connection string; unset → embedded PGlite in `dataDir`. */
  databaseUrl: string | null;
  /** Schema for all tables (tests use one schema each). */
  dbSchema: string;
  /** PGlite data folder when DATABASE_URL is unset. */
  dataDir: string;
  /** Redis connection string; unset → batches run in-process. */
  redisUrl: string | null;
  /** BullMQ queue name (tests use one each). */
  queueName: string;
  /** Extraction threads per process. */
  concurrency: number;
  /** BullMQ lock duration and stalled-job check interval, ms. */
  lockMs: number;
  stalledMs: number;
}

const int = (name: string, v: string | undefined, fallback: number, min = 1): number => {
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be a whole number ≥ ${min} (got "${v}")`);
  return n;
};

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const schema = env.ITA_DB_SCHEMA ?? 'public';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`ITA_DB_SCHEMA must be a plain lower-case identifier (got "${schema}")`);
  return {
    databaseUrl: env.DATABASE_URL || null,
    dbSchema: schema,
    dataDir: env.ITA_DATA_DIR || './.ita-data',
    redisUrl: env.REDIS_URL || null,
    queueName: env.ITA_QUEUE || 'ita-extract',
    concurrency: int('ITA_CONCURRENCY', env.ITA_CONCURRENCY, Math.max(1, availableParallelism())),
    lockMs: int('ITA_LOCK_MS', env.ITA_LOCK_MS, 10_000, 1000),
    stalledMs: int('ITA_STALLED_MS', env.ITA_STALLED_MS, 5_000, 1000),
  };
}
