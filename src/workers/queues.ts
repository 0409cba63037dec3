/**
 * The extraction queue: its payload, attempts and backoff in one place, and connections configured as BullMQ
 * recommends (workers: maxRetriesPerRequest null, so a Redis hiccup blocks instead of failing jobs; producers:
 * fail fast, so an upload is refused rather than hanging when Redis is down).
 */
import { Queue, type JobsOptions } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from '../log.ts';
import { OutageError } from '../model/errors.ts';
import type { Db } from '../store/db.ts';
import { markFailed } from '../store/reports-repo.ts';
import { ATTEMPTS, BACKOFF_BASE_MS } from './retry-policy.ts';

export interface ExtractJob {
  /** The report, by the sha256 of its bytes (never the bytes themselves). */
  sha256: string;
  batchId: string | null;
}

export const JOB_OPTIONS: JobsOptions = {
  attempts: ATTEMPTS,
  backoff: { type: 'exponential', delay: BACKOFF_BASE_MS },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

export function workerConnection(url: string): Redis {
  const r = new Redis(url, { maxRetriesPerRequest: null });
  quietErrors(r, 'Redis');
  return r;
}

/**
 * Connection errors are expected while Redis restarts: ioredis reconnects by itself. Each is said in one line
 * (at most every 10 s), never as an unhandled 'error' event with a stack trace.
 */
function quietErrors(emitter: { on(ev: 'error', fn: (e: Error) => void): unknown }, what: string): void {
  let last = 0;
  emitter.on('error', (e) => {
    if (Date.now() - last < 10_000) return;
    last = Date.now();
    process.stderr.write(`ita-ingest: ${what}: ${e.message.split('\n')[0]} (retrying)\n`);
  });
}

export function producerConnection(url: string): Redis {
  const r = new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false });
  quietErrors(r, 'Redis');
  return r;
}

export function extractQueue(name: string, connection: Redis): Queue<ExtractJob> {
  const q = new Queue<ExtractJob>(name, { connection });
  quietErrors(q, `queue ${name}`);
  return q;
}

const jobId = (batchId: string | null, sha256: string) => `${batchId ?? 'single'}-${sha256}`;

/** Redis could not be reached (or lost the connection): an outage to wait out, not a failure of the work. */
export async function onRedis<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    const m = (e as Error).message ?? '';
    if (/ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|Connection is closed|Stream isn't writeable|max retries|enableOfflineQueue|LOADING|READONLY/i.test(m)) {
      throw new OutageError('redis', `queue unavailable: ${m.split('\n')[0]}`, { cause: e });
    }
    throw e;
  }
}

/** One job per report of the batch; the job id makes a second enqueue of the same pair a no-op. */
export async function enqueueReports(queue: Queue<ExtractJob>, batchId: string | null, hashes: string[]): Promise<void> {
  for (let i = 0; i < hashes.length; i += 500) {
    await onRedis(() => queue.addBulk(hashes.slice(i, i + 500).map((sha256) => ({
      name: 'extract',
      data: { sha256, batchId },
      opts: { ...JOB_OPTIONS, jobId: jobId(batchId, sha256) },
    }))));
  }
}

const LIVE = new Set(['waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'paused']);

/**
 * The database knows what was received; Redis may have lost it (restarted without persistence, flushed). Every
 * report not yet finished (of `batchId`, or all) whose job is gone is enqueued again; one whose job failed for good
 * while the database could not be told is stored as failed now. Safe to run from several processes at once: job
 * ids are fixed, so a second enqueue is a no-op. Returns how many were enqueued again.
 */
export async function reconcileQueue(db: Db, queue: Queue<ExtractJob>, batchId: string | null, log?: Logger): Promise<number> {
  const rows = await db.query<{ sha256: string; batches: string[] | null }>(
    `SELECT r.sha256, array_remove(array_agg(DISTINCT b.batch_id), NULL) AS batches
       FROM reports r LEFT JOIN batch_reports b USING (sha256)
      WHERE r.state IN ('received', 'extracting') ${batchId ? 'AND r.sha256 IN (SELECT sha256 FROM batch_reports WHERE batch_id = $1)' : ''}
      GROUP BY r.sha256 LIMIT 5000`,
    batchId ? [batchId] : [],
  );
  let requeued = 0;
  for (const { sha256, batches } of rows) {
    const ids = [...(batches ?? []).map((b) => jobId(b, sha256)), jobId(null, sha256)];
    const jobs = (await onRedis(() => Promise.all(ids.map((id) => queue.getJob(id))))).filter((j) => j !== undefined && j !== null);
    const states = await onRedis(() => Promise.all(jobs.map((j) => j.getState())));
    if (states.some((st) => LIVE.has(st))) continue;
    const failed = jobs.find((j, i) => states[i] === 'failed');
    if (failed) {
      await markFailed(db, sha256, `gave up after ${failed.attemptsMade} attempts: ${failed.failedReason}`);
      continue;
    }
    // Gone, or finished in Redis while the database never heard of it (that job is removed first): enqueue again.
    for (const [i, j] of jobs.entries()) if (states[i] === 'completed') await onRedis(() => j.remove());
    await enqueueReports(queue, batchId ?? batches?.[0] ?? null, [sha256]);
    requeued++;
  }
  if (requeued) log?.warn({ requeued, batchId }, `re-enqueued ${requeued} report(s) whose queue job was lost`);
  return requeued;
}
