/** `ita-ingest serve [--port N] [--host H]`: the API and web UI; processing in-process or through the queue. */
import type { Config } from '../config.ts';
import { createServer } from '../api/server.ts';
import { createLogger } from '../log.ts';
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
  const port = intOption('port', a.values.port, 0, 65535) ?? cfg.port;
  const host = (a.values.host as string | undefined) ?? cfg.host;
  const logger = createLogger(cfg.logLevel, 'serve');
  // Listen for SIGTERM/SIGINT before anything starts, so a stop during start-up is graceful too.
  const stop = stopSignal();
  const db = await openDatabase({ databaseUrl: cfg.databaseUrl, schema: cfg.dbSchema, dataDir: cfg.dataDir });
  const processor = cfg.redisUrl ? await queueProcessor(cfg) : inProcessProcessor(db, cfg.concurrency, { outageTimeoutMs: cfg.outageTimeoutMs, log: logger });
  // Reports left unfinished by a previous run (stopped mid-extraction, or never handed over) are processed now.
  const pending = await db.query<{ sha256: string }>(`SELECT sha256 FROM reports WHERE state IN ('received', 'extracting')`);
  if (pending.length) {
    log(`resuming ${pending.length} unfinished report(s)`);
    await processor.submit(pending.map((r) => r.sha256), null);
  }
  const app = await createServer({ db, processor, uploadLimit: cfg.uploadLimitBytes, secureCookies: cfg.secureCookies, logger });
  const address = await app.listen({ port, host });
  log(`ita-ingest serving on ${address} (${cfg.databaseUrl ? 'PostgreSQL' : `PGlite in ${cfg.dataDir}`}, ${cfg.redisUrl ? 'queue' : 'in-process'} processing)`);
  await stop;
  await app.close();
  await processor.close();
  await db.close();
  return 0;
}
