/**
 * The extraction queue: its payload, attempts and backoff in one place, and connections configured as BullMQ
 * recommends (workers: maxRetriesPerRequest null, so a Redis hiccup blocks instead of failing jobs; producers:
 * fail fast, so an upload is refused rather than hanging when Redis is down).
 */
import { Queue, type JobsOptions } from 'bullmq';
import { Redis } from 'ioredis';

export interface ExtractJob {
  /** The report, by the sha256 of its bytes (never the bytes themselves). */
  sha256: string;
  batchId: string | null;
}

export const JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2000 },
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

/** One job per report of the batch; the job id makes a second enqueue of the same pair a no-op. */
export async function enqueueReports(queue: Queue<ExtractJob>, batchId: string | null, hashes: string[]): Promise<void> {
  for (let i = 0; i < hashes.length; i += 500) {
    await queue.addBulk(hashes.slice(i, i + 500).map((sha256) => ({
      name: 'extract',
      data: { sha256, batchId },
      opts: { ...JOB_OPTIONS, jobId: `${batchId ?? 'single'}-${sha256}` },
    })));
  }
}
