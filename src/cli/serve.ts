/** `ita-ingest serve [--port N] [--host H]`: the API and web UI; processing in-process or through the queue. */
import type { Config } from '../config.ts';
import { createServer, DEFAULT_UPLOAD_LIMIT } from '../api/server.ts';
import { openDatabase } from '../store/db.ts';
import { inProcessProcessor, queueProcessor } from '../workers/processor.ts';
import { stopSignal } from './signals.ts';
import { helpText, intOption, parseCommand } from './args.ts';

export async function runServe(args: string[], cfg: Config, log: (s: string) => void): Promise<number> {
  const a = parseCommand('serve', args);
  if (a.help) {
    process.stdout.write(helpText('serve') + '\n');
    return 0;
  }
  const port = intOption('port', a.values.port ?? process.env.PORT ?? '8080', 0, 65535)!;
  const host = (a.values.host as string | undefined) ?? process.env.HOST ?? '127.0.0.1';
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
