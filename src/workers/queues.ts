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
  return new Redis(url, { maxRetriesPerRequest: null });
}

export function producerConnection(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false });
}

export function extractQueue(name: string, connection: Redis): Queue<ExtractJob> {
  return new Queue<ExtractJob>(name, { connection });
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
