/**
 * How the API gets reports processed: in this process (a thread pool, when REDIS_URL is unset) or through the
 * BullMQ queue. Either way the caller only names reports by hash.
 */
import type { Config } from '../config.ts';
import type { Db } from '../store/db.ts';
import { processWithRetries, type RunOptions } from './process-report.ts';
import { ExtractionPool } from './thread-pool.ts';

export interface Processor {
  submit(hashes: string[], batchId: string | null): Promise<void>;
  close(): Promise<void>;
}

export function inProcessProcessor(db: Db, concurrency: number, opts: RunOptions = {}): Processor {
  const pool = new ExtractionPool(concurrency);
  const running = new Set<Promise<void>>();
  return {
    async submit(hashes) {
      for (const sha of hashes) {
        const p = processWithRetries(db, sha, (b, n) => pool.run(b, n, { transfer: true }), opts).finally(() => running.delete(p));
        running.add(p);
      }
    },
    async close() {
      await Promise.allSettled([...running]);
      await pool.close();
    },
  };
}

export async function queueProcessor(cfg: Config): Promise<Processor> {
  const { enqueueReports, extractQueue, producerConnection } = await import('./queues.ts');
  const connection = producerConnection(cfg.redisUrl!);
  const queue = extractQueue(cfg.queueName, connection);
  return {
    submit: (hashes, batchId) => enqueueReports(queue, batchId, hashes),
    async close() {
      await queue.close();
      connection.disconnect();
    },
  };
}
