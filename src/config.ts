/**
 * Configuration: every environment variable the program reads is read here, once, validated, and passed in.
 * Wiring happens per role (cli/*). A bad value stops the program at start with one line that names the variable.
 */
import { availableParallelism } from 'node:os';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Config {
  /** PostgreSQL connection string; unset → embedded PGlite in `dataDir`. */
  databaseUrl: string | null;
  /** Schema for all tables (tests use one schema each). */
  dbSchema: string;
  /** Embedded data folder when DATABASE_URL is unset: the database (db/) and the originals (blobs/). */
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
  /** How long a role waits for PostgreSQL or Redis to come back before it gives up, ms. */
  outageTimeoutMs: number;
  /** `serve`: where it listens, the largest upload (one file and one request), HTTPS-only cookies. */
  port: number;
  host: string;
  uploadLimitBytes: number;
  secureCookies: boolean;
  /** Structured logs (pino) on stderr: request and job lines at `info`. */
  logLevel: LogLevel;
  /** Print the stack of an internal error. */
  debug: boolean;
  /** `user add` without --password-stdin. */
  password: string | null;
}

export class ConfigError extends Error {}

const int = (name: string, v: string | undefined, fallback: number, min = 1, max = Number.MAX_SAFE_INTEGER): number => {
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`${name} must be a whole number from ${min} to ${max} (got "${v}")`);
  return n;
};

const flag = (name: string, v: string | undefined): boolean => {
  if (v === undefined || v === '' || v === '0' || v === 'false') return false;
  if (v === '1' || v === 'true') return true;
  throw new ConfigError(`${name} must be 1 or 0 (got "${v}")`);
};

const url = (name: string, v: string | undefined, protocols: string[]): string | null => {
  if (!v) return null;
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    throw new ConfigError(`${name} is not a URL (got "${v}")`);
  }
  if (!protocols.includes(u.protocol)) throw new ConfigError(`${name} must start with ${protocols.map((p) => `${p}//`).join(' or ')} (got "${u.protocol}//…")`);
  return v;
};

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const schema = env.ITA_DB_SCHEMA || 'public';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new ConfigError(`ITA_DB_SCHEMA must be a plain lower-case identifier (got "${schema}")`);
  const queueName = env.ITA_QUEUE || 'ita-extract';
  if (!/^[\w.-]{1,100}$/.test(queueName)) throw new ConfigError(`ITA_QUEUE must be letters, digits, _ . or - (got "${queueName}")`);
  const logLevel = (env.ITA_LOG_LEVEL || 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError(`ITA_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${logLevel}")`);
  return {
    databaseUrl: url('DATABASE_URL', env.DATABASE_URL, ['postgres:', 'postgresql:']),
    dbSchema: schema,
    dataDir: env.ITA_DATA_DIR || './.ita-data',
    redisUrl: url('REDIS_URL', env.REDIS_URL, ['redis:', 'rediss:']),
    queueName,
    concurrency: int('ITA_CONCURRENCY', env.ITA_CONCURRENCY, Math.max(1, availableParallelism()), 1, 256),
    lockMs: int('ITA_LOCK_MS', env.ITA_LOCK_MS, 10_000, 1000),
    stalledMs: int('ITA_STALLED_MS', env.ITA_STALLED_MS, 5_000, 1000),
    outageTimeoutMs: int('ITA_OUTAGE_TIMEOUT_S', env.ITA_OUTAGE_TIMEOUT_S, 300, 1, 86_400) * 1000,
    port: int('PORT', env.PORT, 8080, 0, 65535),
    host: env.HOST || '127.0.0.1',
    uploadLimitBytes: int('ITA_UPLOAD_LIMIT_MB', env.ITA_UPLOAD_LIMIT_MB, 50, 1, 100) * 1048576,
    secureCookies: flag('ITA_SECURE_COOKIES', env.ITA_SECURE_COOKIES),
    logLevel,
    debug: flag('ITA_DEBUG', env.ITA_DEBUG),
    password: env.ITA_PASSWORD || null,
  };
}
