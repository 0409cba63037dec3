/** `ita-ingest extract FILE [--json]`: one report, printed as a readable summary or as the contract JSON. */
import { viewOf } from '../model/bytes.ts';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { PermanentError } from '../model/errors.ts';
import { ExtractionPool } from '../workers/thread-pool.ts';
import { formatSummary } from './format-summary.ts';
import { helpText, parseCommand } from './args.ts';

/** Larger files are refused before reading: real reports are a few MB. */
export const MAX_FILE_BYTES = 100 * 1024 * 1024;

export async function readReportFile(path: string): Promise<Uint8Array> {
  const name = basename(path);
  let info;
  try {
    info = await stat(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new PermanentError(name, code === 'ENOENT' ? 'no such file' : `cannot be read (${code})`);
  }
  if (info.isDirectory()) throw new PermanentError(name, 'is a folder, not a file (use `ita-ingest batch` for folders)');
  if (info.size > MAX_FILE_BYTES) {
    throw new PermanentError(name, `is ${(info.size / 1048576).toFixed(0)} MB, over the ${MAX_FILE_BYTES / 1048576} MB limit`);
  }
  return viewOf(await readFile(path));
}

export async function runExtract(args: string[], out: (s: string) => void): Promise<number> {
  const a = parseCommand('extract', args);
  if (a.help) {
    out(helpText('extract'));
    return 0;
  }
  const json = a.values.json === true;
  const files = a.positionals;
  const bytes = await readReportFile(files[0]);
  // In a thread with a heap cap, like every other extraction: a document that needs too much memory is refused
  // with its name, instead of taking the process down.
  const pool = new ExtractionPool(1);
  try {
    const result = await pool.run(bytes, basename(files[0]), { transfer: true });
    out(json ? JSON.stringify(result, null, 2) : formatSummary(result));
  } finally {
    await pool.close();
  }
  return 0;
}

