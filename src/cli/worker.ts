/**
 * `ita-ingest worker [--concurrency N]`: consumes the extraction queue. Needs REDIS_URL and DATABASE_URL.
 * SIGTERM/SIGINT: stop taking jobs, finish the ones running (BullMQ's close), then exit 0.
 */
import type { Config } from '../config.ts';
import { openDatabase } from '../store/db.ts';
import { workerConnection } from '../workers/queues.ts';
import { startWorker } from '../workers/start-worker.ts';
import { ExtractionPool } from '../workers/thread-pool.ts';
import { createLogger } from '../log.ts';
import { stopSignal } from './signals.ts';
import { helpText, intOption, parseCommand } from './args.ts';
import { UsageError } from './usage-error.ts';

export async function runWorker(args: string[], cfg: Config, log: (s: string) => void): Promise<number> {
  let concurrency = cfg.concurrency;
  const a = parseCommand('worker', args);
  if (a.help) {
    process.stdout.write(helpText('worker') + '\n');
    return 0;
  }
  const fromArgs = intOption('concurrency', a.values.concurrency, 1);
  if (fromArgs !== null) concurrency = fromArgs;
  if (!cfg.redisUrl || !cfg.databaseUrl) throw new UsageError('the worker needs REDIS_URL and DATABASE_URL (a shared PostgreSQL)');
  const stop = stopSignal(); // before anything starts, so a stop during start-up is graceful too
  const db = await openDatabase({ databaseUrl: cfg.databaseUrl, schema: cfg.dbSchema });
  const pool = new ExtractionPool(concurrency);
  const connection = workerConnection(cfg.redisUrl);
  const logger = createLogger(cfg.logLevel, 'worker');
  const running = startWorker({
    db, pool, connection, queueName: cfg.queueName, concurrency, lockMs: cfg.lockMs, stalledMs: cfg.stalledMs,
    outageTimeoutMs: cfg.outageTimeoutMs, log: logger, sweepMs: Math.max(15_000, 3 * cfg.stalledMs),
  });
  await running.worker.waitUntilReady();
  log(`worker ${process.pid} on "${cfg.queueName}" with ${concurrency} thread(s)`);
  log(`worker ${process.pid}: ${await stop}, finishing running jobs…`);
  await running.close();
  await pool.close();
  connection.disconnect();
  await db.close();
  log(`worker ${process.pid} stopped`);
  return 0;
}
