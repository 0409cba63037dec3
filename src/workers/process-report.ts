/**
 * Processing one stored report: the same steps whether called in-process (batch without Redis) or by a queue
 * worker. Payloads name the report by hash; the bytes come from the store.
 */
import type { ExtractionResult } from '../model/extraction-result.ts';
import { OutageError, PermanentError } from '../model/errors.ts';
import type { Logger } from '../log.ts';
import { ATTEMPTS, backoffMs, DEFAULT_OUTAGE_TIMEOUT_MS, rideOut } from './retry-policy.ts';
import type { Db } from '../store/db.ts';
import { completeBatchesOf } from '../store/batches-repo.ts';
import { sniffFormat } from '../extractors/detect-format.ts';
import { markFailed, markRetry, saveResult, startExtracting, type ReportState } from '../store/reports-repo.ts';

/** Extracts one report; it may take the bytes (transfer them to a thread): the caller does not use them after. */
export type Extract = (bytes: Uint8Array, fileName: string) => Promise<ExtractionResult>;

/**
 * Throws PermanentError (stored as failed) or a transient error (the caller retries). `completeBatches: false`
 * is for the one caller that completes its batch itself once every report is done (the embedded `batch`):
 * asking after each report whether its batches are complete cost more than storing the report (issue 10).
 */
export async function processStoredReport(db: Db, sha256: string, extract: Extract, { completeBatches = true } = {}): Promise<ReportState> {
  const head = await startExtracting(db, sha256);
  if (!head) throw new PermanentError(sha256, 'no stored file with this hash');
  let result: ExtractionResult;
  try {
    if (!head.head) throw new PermanentError(head.fileName, 'the stored original is missing');
    // What the first KB and the size decide (an image, a 99 MB text file) is refused before the file is read.
    sniffFormat(head.head, head.size, head.fileName);
    const bytes = await db.blobs.get(db, sha256);
    if (!bytes) throw new PermanentError(head.fileName, 'the stored original is missing');
    result = await extract(bytes, head.fileName);
  } catch (e) {
    if (e instanceof PermanentError) {
      await markFailed(db, sha256, e.reason);
      if (completeBatches) await completeBatchesOf(db, sha256);
    }
    throw e;
  }
  const state = await saveResult(db, sha256, result);
  // The last report of a batch completes it: the checks over the whole batch run now, not on a later read.
  if (completeBatches) await completeBatchesOf(db, sha256);
  return state;
}

export interface RunOptions {
  /** How long an outage of the database is waited out (ms). */
  outageTimeoutMs?: number;
  log?: Logger;
  /** First backoff between attempts (tests shorten it). */
  backoffBaseMs?: number;
  /** False when the caller completes the batch itself (processStoredReport). */
  completeBatches?: boolean;
}

/**
 * In-process processing under the one retry policy (retry-policy.ts), as the queue does it: a permanent error is
 * final (stored as failed), a transient one is retried with exponential backoff and stored as failed when the
 * attempts are used up, a database outage is waited out without using an attempt.
 */
export async function processWithRetries(db: Db, sha256: string, extract: Extract, opts: RunOptions = {}): Promise<void> {
  const ride = <T>(fn: () => Promise<T>) => rideOut(fn, { timeoutMs: opts.outageTimeoutMs ?? DEFAULT_OUTAGE_TIMEOUT_MS, log: opts.log, what: `report ${sha256.slice(0, 12)}` });
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    try {
      const state = await ride(() => processStoredReport(db, sha256, extract, { completeBatches: opts.completeBatches }));
      opts.log?.info({ sha256, state, ms: Date.now() - started, attempt }, 'report processed');
      return;
    } catch (e) {
      if (e instanceof PermanentError) {
        opts.log?.info({ sha256, state: 'failed', reason: e.reason }, 'report failed (the file cannot be read)');
        return;
      }
      const reason = (e as Error).message;
      if (e instanceof OutageError || attempt >= ATTEMPTS) {
        opts.log?.error({ sha256, attempt, err: reason }, 'report failed; gave up');
        await ride(() => markFailed(db, sha256, `gave up after ${attempt} attempt(s): ${reason}`)).catch(() => {});
        return;
      }
      opts.log?.warn({ sha256, attempt, err: reason }, 'report attempt failed; retrying');
      await ride(() => markRetry(db, sha256, reason)).catch(() => {});
      await new Promise((r) => setTimeout(r, backoffMs(attempt, opts.backoffBaseMs)));
    }
  }
}
