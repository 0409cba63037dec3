/**
 * One retry policy for the queue (BullMQ job options) and the in-process path (processWithRetries):
 * - a bad file (PermanentError) is never retried;
 * - a transient failure of the work itself (an extraction thread lost) is retried up to ATTEMPTS times with
 *   exponential backoff, then stored as failed with its reason;
 * - an outage of a server (OutageError: PostgreSQL or Redis unreachable) uses up no attempt: the work waits for the
 *   server with capped backoff and goes on, for at most the configured outage timeout (ITA_OUTAGE_TIMEOUT_S).
 */
import { OutageError } from '../model/errors.ts';
import type { Logger } from '../log.ts';

export const ATTEMPTS = 5;
export const BACKOFF_BASE_MS = 2000;
/** How long an outage is waited out when the caller does not say (ITA_OUTAGE_TIMEOUT_S's default). */
export const DEFAULT_OUTAGE_TIMEOUT_MS = 300_000;

/** The wait before attempt `attempt + 1` (1-based): 2 s, 4 s, 8 s, 16 s. */
export const backoffMs = (attempt: number, base = BACKOFF_BASE_MS) => base * 2 ** (attempt - 1);

export interface RideOutOptions {
  timeoutMs: number;
  log?: Logger;
  /** What is waiting, for the log line ("report 1a2b…", "batch progress"). */
  what: string;
}

/**
 * Runs `fn`; while it fails with an OutageError, waits (0.5 s doubling to 5 s) and runs it again, until the
 * outage has lasted `timeoutMs`: then the last OutageError is thrown, its message saying how long was waited.
 */
export async function rideOut<T>(fn: () => Promise<T>, opts: RideOutOptions): Promise<T> {
  let since = 0;
  let delay = 500;
  let lastLog = 0;
  for (;;) {
    try {
      const out = await fn();
      if (since) opts.log?.info({ what: opts.what, outageMs: Date.now() - since }, `${opts.what}: server back after ${((Date.now() - since) / 1000).toFixed(1)} s, going on`);
      return out;
    } catch (e) {
      if (!(e instanceof OutageError)) throw e;
      const now = Date.now();
      since ||= now;
      if (now - since >= opts.timeoutMs) {
        throw new OutageError(e.service, `${e.server} still unreachable after ${Math.round((now - since) / 1000)} s (ITA_OUTAGE_TIMEOUT_S): ${e.message}`, { cause: e });
      }
      if (now - lastLog >= 10_000) {
        lastLog = now;
        opts.log?.warn({ what: opts.what, service: e.service, err: e.message }, `${opts.what}: ${e.service} unreachable, waiting`);
      }
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 5000);
    }
  }
}
