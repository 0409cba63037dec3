/**
 * A BullMQ worker for the extraction queue. Extraction runs in the thread pool, so this event loop stays free to
 * renew locks; a bad file is an UnrecoverableError (no retry, stored as failed with its reason); anything else is
 * retried with backoff, and stored as failed only when the attempts are used up. A job whose worker died is
 * picked up by another worker once its lock expires (stalled-job check).
 */
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { PermanentError } from '../model/errors.ts';
import type { Db } from '../store/db.ts';
import { markFailed, markRetry } from '../store/reports-repo.ts';
import { processStoredReport } from './process-report.ts';
import type { ExtractJob } from './queues.ts';
import type { ExtractionPool } from './thread-pool.ts';

export interface WorkerDeps {
  db: Db;
  pool: ExtractionPool;
  connection: Redis;
  queueName: string;
  concurrency: number;
  lockMs: number;
  stalledMs: number;
}

export function startWorker(deps: WorkerDeps): Worker<ExtractJob> {
  const { db, pool } = deps;
  const worker = new Worker<ExtractJob>(
    deps.queueName,
    async (job: Job<ExtractJob>) => {
      try {
        return { state: await processStoredReport(db, job.data.sha256, (b, n) => pool.run(b, n)) };
      } catch (e) {
        if (e instanceof PermanentError) throw new UnrecoverableError(e.reason);
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
    const write = final
      ? markFailed(db, job.data.sha256, `gave up after ${job.attemptsMade} attempts: ${err.message}`)
      : markRetry(db, job.data.sha256, err.message);
    write.catch(() => {}); // the database itself may be what failed; the job's own state stays in Redis
  });
  worker.on('error', () => {}); // connection errors are retried by ioredis; a worker must not crash on them
  return worker;
}
