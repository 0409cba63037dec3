/**
 * ita-ingest: roles of one codebase. Exit codes: 0 a result was produced (flags or not), 2 unusable input or
 * bad usage, with one line on stderr that names the file. No stack trace reaches the user.
 */
import { ConfigError, readConfig, type Config } from '../config.ts';
import { displayName, isPermanentError, TransientError } from '../model/errors.ts';
import { runExtract } from './extract.ts';
import { UsageError } from './usage-error.ts';

const USAGE = `ita-ingest — read Thai ITA integrity reports into validated records

usage:
  ita-ingest extract FILE [--json]   read one report (PDF, DOCX, HTML or text); --json prints the contract JSON
  ita-ingest batch PATH… [--province NAME] [--out DIR] [--concurrency N] [--reprocess]
                                     process files, folders and ZIPs; writes reports.jsonl, province.csv/.xlsx,
                                     flags.csv, failures.csv (default ./ita-out/<province or batch id>)
  ita-ingest worker [--concurrency N]
                                     consume the queue (needs REDIS_URL and DATABASE_URL)
  ita-ingest serve [--port N] [--host H]
                                     the HTTP API and web UI (default 127.0.0.1:8080)
  ita-ingest user add NAME --role uploader|reviewer|admin [--province P]… [--agency A] [--password-stdin]
  ita-ingest user token NAME         print a new API token for scripts
  ita-ingest COMMAND --help          what a command does and its options
  ita-ingest --version               the version

environment: DATABASE_URL (unset: embedded PGlite in ITA_DATA_DIR, default ./.ita-data), REDIS_URL (unset: batches
run in-process), ITA_CONCURRENCY, ITA_QUEUE, ITA_DB_SCHEMA, ITA_LOG_LEVEL, ITA_OUTAGE_TIMEOUT_S … (README lists all)`;

export async function main(argv: string[]): Promise<number> {
  const [role, ...rest] = argv;
  const write = (s: string) => process.stdout.write(s + '\n');
  const log = (s: string) => process.stderr.write(s + '\n');
  let cfg: Config;
  try {
    cfg = readConfig();
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    process.stderr.write(`ita-ingest: ${e.message}\n`);
    return 2;
  }
  try {
    switch (role) {
      case 'extract':
        return await runExtract(rest, write);
      case 'batch': {
        const { runBatch } = await import('./batch.ts');
        return await runBatch(rest, cfg, log);
      }
      case 'serve': {
        const { runServe } = await import('./serve.ts');
        return await runServe(rest, cfg, log);
      }
      case 'user': {
        const { runUser } = await import('./user.ts');
        return await runUser(rest, cfg, write);
      }
      case 'worker': {
        const { runWorker } = await import('./worker.ts');
        return await runWorker(rest, cfg, log);
      }
      case 'help':
      case '--help':
      case '-h':
        write(USAGE);
        return 0;
      case 'version':
      case '--version':
      case '-V': {
        const { readFile } = await import('node:fs/promises');
        const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
        write(`ita-ingest ${pkg.version} (Node ${process.version})`);
        return 0;
      }
      default:
        process.stderr.write(`ita-ingest: ${role ? `unknown command '${role}'` : 'no command given'}\n${USAGE}\n`);
        return 2;
    }
  } catch (e) {
    if (isPermanentError(e)) {
      process.stderr.write(`ita-ingest: ${displayName(e.fileName)}: ${e.reason}\n`);
      return 2;
    }
    if (e instanceof UsageError) {
      process.stderr.write(`ita-ingest: ${e.message}\n`);
      return 2;
    }
    if (e instanceof TransientError) {
      // A server that stayed away (PostgreSQL, Redis): said plainly; what was received is kept.
      process.stderr.write(`ita-ingest: ${e.message}\n`);
      return 1;
    }
    const err = e as Error;
    process.stderr.write(`ita-ingest: internal error: ${err.message}\n`);
    if (cfg.debug) process.stderr.write(`${err.stack}\n`);
    return 1;
  }
}
