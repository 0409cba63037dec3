/** `ita-ingest serve [--port N] [--host H]`: the API and web UI; processing in-process or through the queue. */
import type { Config } from '../config.ts';
import { createServer, DEFAULT_UPLOAD_LIMIT } from '../api/server.ts';
import { openDatabase } from '../store/db.ts';
import { inProcessProcessor, queueProcessor } from '../workers/processor.ts';
import { stopSignal } from './signals.ts';
import { UsageError } from './usage-error.ts';

export async function runServe(args: string[], cfg: Config, log: (s: string) => void): Promise<number> {
  let port = Number(process.env.PORT ?? 8080);
  let host = process.env.HOST ?? '127.0.0.1';
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--port') port = Number(args[++i]);
    else if (args[i] === '--host') host = args[++i] ?? '';
    else throw new UsageError(`usage: ita-ingest serve [--port N] [--host H] (unknown ${args[i]})`);
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be 0–65535');
  // Listen for SIGTERM/SIGINT before anything starts, so a stop during start-up is graceful too.
  const stop = stopSignal();
  const db = await openDatabase({ databaseUrl: cfg.databaseUrl, schema: cfg.dbSchema, dataDir: cfg.dataDir });
  const processor = cfg.redisUrl ? await queueProcessor(cfg) : inProcessProcessor(db, cfg.concurrency);
  // Reports left unfinished by a previous run (stopped mid-extraction, or never handed over) are processed now.
  const pending = await db.query<{ sha256: string }>(`SELECT sha256 FROM reports WHERE state IN ('received', 'extracting')`);
  if (pending.length) {
    log(`resuming ${pending.length} unfinished report(s)`);
    await processor.submit(pending.map((r) => r.sha256), null);
  }
  const app = await createServer({ db, processor, uploadLimit: Number(process.env.ITA_UPLOAD_LIMIT_MB ?? DEFAULT_UPLOAD_LIMIT / 1048576) * 1048576, secureCookies: process.env.ITA_SECURE_COOKIES === '1', logger: process.env.ITA_LOG === '1' });
  const address = await app.listen({ port, host });
  log(`ita-ingest serving on ${address} (${cfg.databaseUrl ? 'PostgreSQL' : `PGlite in ${cfg.dataDir}`}, ${cfg.redisUrl ? 'queue' : 'in-process'} processing)`);
  await stop;
  await app.close();
  await processor.close();
  await db.close();
  return 0;
}
