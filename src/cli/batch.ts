/**
 * `ita-ingest batch PATH… [--province NAME] [--out DIR] [--concurrency N] [--reprocess]`
 * Stores every file (same bytes → one report), processes the batch — in-process over all cores without
 * REDIS_URL, through the BullMQ workers with it — and writes reports.jsonl, province.csv/.xlsx, flags.csv and
 * failures.csv. Exit 0 when every file was processed, 1 when some failed (listed), 2 on bad usage.
 */
import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../config.ts';
import { displayName, OutageError } from '../model/errors.ts';
import { rideOut } from '../workers/retry-policy.ts';
import { stopSignal } from './signals.ts';
import { writeBatchOutputs } from '../export/writers.ts';
import { addBatchFailure, addToBatch, batchFailures, batchProgress, batchRowPages, completeBatchChecks, createBatch } from '../store/batches-repo.ts';
import { openDatabase, type Db } from '../store/db.ts';
import { getReport, receiveReport, TERMINAL_STATES } from '../store/reports-repo.ts';
import { processWithRetries } from '../workers/process-report.ts';
import { ExtractionPool } from '../workers/thread-pool.ts';
import { helpText, intOption, parseCommand } from './args.ts';
import { UsageError } from './usage-error.ts';
import { collectInputs } from '../inputs/collect.ts';
import { progressReporter } from './progress.ts';

export interface BatchArgs {
  paths: string[];
  province: string | null;
  out: string | null;
  concurrency: number | null;
  reprocess: boolean;
}

export function parseBatchArgs(args: string[]): BatchArgs | null {
  const a = parseCommand('batch', args);
  if (a.help) return null;
  const v = a.values;
  return {
    paths: a.positionals,
    province: (v.province as string | undefined) ?? null,
    out: (v.out as string | undefined) ?? null,
    concurrency: intOption('concurrency', v.concurrency, 1),
    reprocess: v.reprocess === true,
  };
}

/** Set by SIGTERM/SIGINT: take no more reports, let the running ones finish, write what is done, exit. */
interface Stop {
  requested: string | null;
}

/** In-process: a pool of extraction threads under the one retry policy. */
async function runEmbedded(db: Db, hashes: string[], concurrency: number, stop: Stop, outageTimeoutMs: number, onProgress: () => Promise<void>): Promise<void> {
  const pool = new ExtractionPool(concurrency);
  try {
    let next = 0;
    const lane = async () => {
      while (next < hashes.length && !stop.requested) {
        // The batch is completed once, after the last report (below), not checked for completion after each one.
        await processWithRetries(db, hashes[next++], (b, n) => pool.run(b, n, { transfer: true }), { outageTimeoutMs, completeBatches: false });
        await onProgress();
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(1, hashes.length)) }, lane));
  } finally {
    await pool.close();
  }
}

/**
 * Through BullMQ: enqueue, then wait for the workers while showing progress. Redis or PostgreSQL going away is
 * waited out (up to ITA_OUTAGE_TIMEOUT_S); every few seconds the batch's unfinished reports are checked against
 * the queue, and those whose job Redis lost (a restart without persistence) are enqueued again.
 */
async function runQueued(cfg: Config, db: Db, batchId: string, hashes: string[], stop: Stop, onProgress: () => Promise<boolean>): Promise<void> {
  const { extractQueue, enqueueReports, producerConnection, reconcileQueue } = await import('../workers/queues.ts');
  const connection = producerConnection(cfg.redisUrl!);
  const queue = extractQueue(cfg.queueName, connection);
  const ride = <T>(what: string, fn: () => Promise<T>) => rideOut(fn, { timeoutMs: cfg.outageTimeoutMs, what });
  try {
    await ride('enqueue', () => enqueueReports(queue, batchId, hashes));
    process.stderr.write(`queued ${hashes.length} report(s) on "${cfg.queueName}"; waiting for workers (ita-ingest worker)…\n`);
    let lastCheck = Date.now();
    let outageSince = 0;
    while (!stop.requested) {
      try {
        if (await onProgress()) break;
        if (Date.now() - lastCheck > 5000) {
          lastCheck = Date.now();
          const n = await reconcileQueue(db, queue, batchId);
          if (n) process.stderr.write(`re-queued ${n} report(s) whose queue job was lost (Redis restarted?)\n`);
        }
        if (outageSince) process.stderr.write(`servers back after ${Math.round((Date.now() - outageSince) / 1000)} s; going on\n`);
        outageSince = 0;
      } catch (e) {
        if (!(e instanceof OutageError)) throw e;
        if (!outageSince) process.stderr.write(`${e.server} unreachable; waiting up to ${Math.round(cfg.outageTimeoutMs / 1000)} s (ITA_OUTAGE_TIMEOUT_S)…\n`);
        outageSince ||= Date.now();
        if (Date.now() - outageSince > cfg.outageTimeoutMs) {
          throw new OutageError(e.service, `${e.server} still unreachable after ${Math.round(cfg.outageTimeoutMs / 1000)} s (ITA_OUTAGE_TIMEOUT_S); the reports received are kept: run the same command again to go on`);
        }
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  } finally {
    await queue.close().catch(() => {});
    connection.disconnect();
  }
}

export async function runBatch(args: string[], cfg: Config, log: (s: string) => void): Promise<number> {
  const a = parseBatchArgs(args);
  if (!a) {
    process.stdout.write(helpText('batch') + '\n');
    return 0;
  }
  if (cfg.redisUrl && !cfg.databaseUrl) {
    throw new UsageError('REDIS_URL is set but DATABASE_URL is not: the queue workers need a shared PostgreSQL database');
  }
  // A path that is not there is a typo to fix, not a batch to run: said before anything (database, output) is made.
  const absent = (await Promise.all(a.paths.map(async (p) => ((await lstat(p).then(() => true, () => false)) ? null : p)))).filter((p) => p !== null);
  if (absent.length) throw new UsageError(`no such file or folder: ${absent.map((p) => displayName(p)).join(', ')}`);
  const ride = <T>(what: string, fn: () => Promise<T>) => rideOut(fn, { timeoutMs: cfg.outageTimeoutMs, what });
  const db = await ride('open the database', () => openDatabase({ databaseUrl: cfg.databaseUrl, schema: cfg.dbSchema, dataDir: cfg.dataDir }));
  const stop: Stop = { requested: null };
  void stopSignal().then((signal) => {
    stop.requested = signal;
    process.stderr.write(`\n${signal}: taking no more reports; finishing the running ones and writing what is done…\n`);
  });
  try {
    const batchId = await ride('create the batch', () => createBatch(db, a.province));
    const hashes = new Set<string>();
    let files = 0;
    for await (const input of collectInputs(a.paths)) {
      files++;
      if ('error' in input) {
        await ride('store a failure', () => addBatchFailure(db, batchId, input.name, input.error));
        continue;
      }
      const { sha256 } = await ride('store a report', () => receiveReport(db, input.bytes, input.name));
      await ride('store a report', () => addToBatch(db, batchId, sha256, input.name));
      hashes.add(sha256);
    }
    const todo: string[] = [];
    for (const sha of hashes) {
      const r = await ride('read a report', () => getReport(db, sha));
      if (a.reprocess || !r || !TERMINAL_STATES.has(r.state)) todo.push(sha);
    }
    log(`batch ${batchId}: ${files} file(s), ${hashes.size} distinct report(s), ${todo.length} to process`);
    const progress = progressReporter(hashes.size);
    const tick = async () => {
      const p = await batchProgress(db, batchId);
      progress.update(p);
      return p.done >= p.reports;
    };
    if (cfg.redisUrl) await runQueued(cfg, db, batchId, todo, stop, tick);
    else await runEmbedded(db, todo, a.concurrency ?? cfg.concurrency, stop, cfg.outageTimeoutMs, async () => void (progress.due() && (await ride('progress', tick))));
    const final = await ride('progress', () => batchProgress(db, batchId));
    progress.update(final, true);

    // The batch completes here: the embedded run does not check for completion after each report, and a batch of
    // reports all stored before ("0 to process") is complete from the start.
    await ride('batch checks', () => completeBatchChecks(db, batchId));
    const failures = await ride('read the batch', () => batchFailures(db, batchId));
    const outDir = a.out ?? join('ita-out', (a.province ?? batchId).replace(/[/\\]/g, '_'));
    // A page of results at a time: the batch's results are never all in memory (issue 10).
    const written = await ride('read the batch', () => writeBatchOutputs(outDir, batchRowPages(db, batchId), failures, a.province ?? 'province'));
    const { failed, byState } = written;
    const reports = Object.values(byState).reduce((n, k) => n + k, 0);
    log(`wrote ${outDir}/{${written.files.join(',')}}`);
    log(`${reports - failed.length} processed (${byState.clean ?? 0} clean, ${byState.needs_review ?? 0} need review), ${failed.length + failures.length} failed`);
    for (const f of [...failed, ...failures]) log(`  failed: ${displayName(f.fileName)}: ${f.reason}`);
    if (stop.requested) {
      log(`stopped by ${stop.requested} with ${final.reports - final.done} report(s) not yet processed (kept); run the same command again to finish`);
      return 1;
    }
    return failed.length + failures.length > 0 ? 1 : 0;
  } finally {
    await db.close();
  }
}
