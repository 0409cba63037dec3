/** `ita-ingest extract FILE [--json]`: one report, printed as a readable summary or as the contract JSON. */
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { PermanentError } from '../model/errors.ts';
import { extractReport } from '../pipeline.ts';
import { formatSummary } from './format-summary.ts';
import { UsageError } from './usage-error.ts';

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
  return new Uint8Array(await readFile(path));
}

export async function runExtract(args: string[], out: (s: string) => void): Promise<number> {
  const json = args.includes('--json');
  const files = args.filter((a) => !a.startsWith('--'));
  const unknown = args.filter((a) => a.startsWith('--') && a !== '--json');
  if (files.length !== 1 || unknown.length) {
    throw new UsageError('usage: ita-ingest extract FILE [--json]');
  }
  const bytes = await readReportFile(files[0]);
  const result = await extractReport(bytes, basename(files[0]));
  out(json ? JSON.stringify(result, null, 2) : formatSummary(result));
  return 0;
}

