/**
 * `ita-ingest worker [--concurrency N]`: consumes the extraction queue. Needs REDIS_URL and DATABASE_URL.
 * SIGTERM/SIGINT: stop taking jobs, finish the ones running (BullMQ's close), then exit 0.
 */
import type { Config } from '../config.ts';
import { openDatabase } from '../store/db.ts';
import { workerConnection } from '../workers/queues.ts';
import { startWorker } from '../workers/start-worker.ts';
import { ExtractionPool } from '../workers/thread-pool.ts';
import { stopSignal } from './signals.ts';
import { UsageError } from './usage-error.ts';

export async function runWorker(args: string[], cfg: Config, log: (s: string) => void): Promise<number> {
  let concurrency = cfg.concurrency;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--concurrency') {
      concurrency = Number(args[++i]);
      if (!Number.isInteger(concurrency) || concurrency < 1) throw new UsageError('--concurrency must be a whole number ≥ 1');
    } else throw new UsageError(`usage: ita-ingest worker [--concurrency N] (unknown ${args[i]})`);
  }
  if (!cfg.redisUrl || !cfg.databaseUrl) throw new UsageError('the worker needs REDIS_URL and DATABASE_URL (a shared PostgreSQL)');
  const stop = stopSignal(); // before anything starts, so a stop during start-up is graceful too
  const db = await openDatabase({ databaseUrl: cfg.databaseUrl, schema: cfg.dbSchema });
  const pool = new ExtractionPool(concurrency);
  const connection = workerConnection(cfg.redisUrl);
  const worker = startWorker({ db, pool, connection, queueName: cfg.queueName, concurrency, lockMs: cfg.lockMs, stalledMs: cfg.stalledMs });
  await worker.waitUntilReady();
  log(`worker ${process.pid} on "${cfg.queueName}" with ${concurrency} thread(s)`);
  log(`worker ${process.pid}: ${await stop}, finishing running jobs…`);
  await worker.close();
  await pool.close();
  connection.disconnect();
  await db.close();
  log(`worker ${process.pid} stopped`);
  return 0;
}
