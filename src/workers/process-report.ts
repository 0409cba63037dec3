/**
 * Processing one stored report: the same steps whether called in-process (batch without Redis) or by a queue
 * worker. Payloads name the report by hash; the bytes come from the store.
 */
import type { ExtractionResult } from '../model/extraction-result.ts';
import { PermanentError } from '../model/errors.ts';
import type { Db } from '../store/db.ts';
import { completeBatchesOf } from '../store/batches-repo.ts';
import { markExtracting, markFailed, markRetry, reportFile, saveResult, type ReportState } from '../store/reports-repo.ts';

export type Extract = (bytes: Uint8Array, fileName: string) => Promise<ExtractionResult>;

/** Throws PermanentError (stored as failed) or a transient error (the caller retries). */
export async function processStoredReport(db: Db, sha256: string, extract: Extract): Promise<ReportState> {
  const file = await reportFile(db, sha256);
  if (!file) throw new PermanentError(sha256, 'no stored file with this hash');
  await markExtracting(db, sha256);
  let result: ExtractionResult;
  try {
    result = await extract(file.bytes, file.fileName);
  } catch (e) {
    if (e instanceof PermanentError) {
      await markFailed(db, sha256, e.reason);
      await completeBatchesOf(db, sha256);
    }
    throw e;
  }
  const state = await saveResult(db, sha256, result);
  // The last report of a batch completes it: the checks over the whole batch run now, not on a later read.
  await completeBatchesOf(db, sha256);
  return state;
}

/**
 * In-process processing with retries (the queue does this itself): a permanent error is final (stored as failed),
 * a transient one is retried with exponential backoff, and stored as failed when the attempts are used up.
 */
export async function processWithRetries(db: Db, sha256: string, extract: Extract, attempts = 3, baseDelayMs = 1000): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await processStoredReport(db, sha256, extract);
      return;
    } catch (e) {
      if (e instanceof PermanentError) return;
      const reason = (e as Error).message;
      if (attempt >= attempts) {
        await markFailed(db, sha256, `gave up after ${attempt} attempts: ${reason}`).catch(() => {});
        return;
      }
      await markRetry(db, sha256, reason).catch(() => {});
      await new Promise((r) => setTimeout(r, baseDelayMs * 2 ** (attempt - 1)));
    }
  }
}
