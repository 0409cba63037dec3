/**
 * A BullMQ worker for the extraction queue. Extraction runs in the thread pool, so this event loop stays free to
 * renew locks; a bad file is an UnrecoverableError (no retry, stored as failed with its reason); anything else is
 * retried under the one retry policy (retry-policy.ts), and stored as failed only when the attempts are used up.
 * A database outage is waited out inside the job (its lock is kept; no attempt is used). A job whose worker died is
 * taken over by another worker once its lock expires (stalled-job check: lockMs + stalledMs). Every `sweepMs` the
 * worker compares the database with the queue and enqueues again what Redis lost (reconcileQueue).
 */
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '../log.ts';
import { PermanentError } from '../model/errors.ts';
import type { Db } from '../store/db.ts';
import { markFailed, markRetry } from '../store/reports-repo.ts';
import { processStoredReport } from './process-report.ts';
import { extractQueue, reconcileQueue, type ExtractJob } from './queues.ts';
import { DEFAULT_OUTAGE_TIMEOUT_MS, rideOut } from './retry-policy.ts';
import type { ExtractionPool } from './thread-pool.ts';

export interface WorkerDeps {
  db: Db;
  pool: ExtractionPool;
  connection: Redis;
  queueName: string;
  concurrency: number;
  lockMs: number;
  stalledMs: number;
  /** How long a database outage is waited out inside a job, ms. */
  outageTimeoutMs?: number;
  log?: Logger;
  /** How often to look for reports whose job Redis lost; 0 → never. */
  sweepMs?: number;
}

export interface RunningWorker {
  worker: Worker<ExtractJob>;
  close(): Promise<void>;
}

export function startWorker(deps: WorkerDeps): RunningWorker {
  const { db, pool, log } = deps;
  const outage = deps.outageTimeoutMs ?? DEFAULT_OUTAGE_TIMEOUT_MS;
  const worker = new Worker<ExtractJob>(
    deps.queueName,
    async (job: Job<ExtractJob>) => {
      const started = Date.now();
      const { sha256 } = job.data;
      try {
        const state = await rideOut(() => processStoredReport(db, sha256, (b, n) => pool.run(b, n, { transfer: true })), { timeoutMs: outage, log, what: `job ${job.id}` });
        log?.info({ job: job.id, sha256, batchId: job.data.batchId, state, ms: Date.now() - started, attempt: job.attemptsMade + 1 }, 'report processed');
        return { state };
      } catch (e) {
        if (e instanceof PermanentError) {
          log?.info({ job: job.id, sha256, state: 'failed', reason: e.reason }, 'report failed (the file cannot be read)');
          throw new UnrecoverableError(e.reason);
        }
        throw e;
      }
    },
    {
      connection: deps.connection,
      concurrency: deps.concurrency,
      lockDuration: deps.lockMs,
      stalledInterval: deps.stalledMs,
      maxStalledCount: 3,
    },
  );
  worker.on('failed', (job, err) => {
    if (!job || err.name === 'UnrecoverableError') return;
    const final = job.attemptsMade >= (job.opts.attempts ?? 1);
    log?.[final ? 'error' : 'warn']({ job: job.id, sha256: job.data.sha256, attempt: job.attemptsMade, err: err.message }, final ? 'report failed; gave up' : 'report attempt failed; retrying');
    const write = () => (final
      ? markFailed(db, job.data.sha256, `gave up after ${job.attemptsMade} attempts: ${err.message}`)
      : markRetry(db, job.data.sha256, err.message));
    // The database itself may be what failed: waited out; if it stays away, the sweep puts it right later.
    rideOut(write, { timeoutMs: outage, log, what: `job ${job.id}` }).catch(() => {});
  });
  worker.on('stalled', (id) => log?.warn({ job: id }, 'job stalled (its worker stopped); taken over'));
  worker.on('error', (e) => log?.debug({ err: e.message }, 'worker connection error')); // ioredis reconnects; a worker must not crash on them

  const queue = deps.sweepMs ? extractQueue(deps.queueName, deps.connection) : null;
  let sweeping: Promise<unknown> = Promise.resolve();
  const timer = deps.sweepMs
    ? setInterval(() => {
        sweeping = reconcileQueue(db, queue!, null, log).catch((e) => log?.debug({ err: (e as Error).message }, 'sweep skipped'));
      }, deps.sweepMs)
    : null;
  return {
    worker,
    async close() {
      if (timer) clearInterval(timer);
      await sweeping;
      await worker.close();
      await queue?.close();
    },
  };
}
