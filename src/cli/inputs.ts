/**
 * The files of a batch: files, folders (walked, hidden entries skipped) and ZIP archives (entries read in
 * memory — never written to disk, so a name like ../../etc/passwd cannot escape — with limits on entry count,
 * entry size, total size and compression ratio against ZIP bombs). A DOCX is a ZIP too: it is a report, not an
 * archive. What cannot be read becomes a failure with its reason; the rest goes on.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, posix } from 'node:path';
import yauzl from 'yauzl';
import { isDocxZip, isZip } from '../extractors/zip-entries.ts';

export type Input = { name: string; bytes: Uint8Array } | { name: string; error: string };

export const LIMITS = {
  maxFileBytes: 100 * 1024 * 1024,
  maxZipEntries: 5000,
  maxZipTotalBytes: 2 * 1024 * 1024 * 1024,
  maxCompressionRatio: 200,
};


export async function* collectInputs(paths: string[]): AsyncGenerator<Input> {
  for (const p of paths) yield* fromPath(p, basename(p));
}

async function* fromPath(path: string, name: string): AsyncGenerator<Input> {
  let info;
  try {
    info = await stat(path);
  } catch (e) {
    yield { name, error: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : `cannot be read (${(e as Error).message})` };
    return;
  }
  if (info.isDirectory()) {
    const entries = (await readdir(path)).filter((e) => !e.startsWith('.')).sort();
    for (const e of entries) yield* fromPath(join(path, e), name === '.' ? e : `${name}/${e}`);
    return;
  }
  if (info.size > LIMITS.maxFileBytes) {
    yield { name, error: `${(info.size / 1048576).toFixed(0)} MB, over the ${LIMITS.maxFileBytes / 1048576} MB limit for one report` };
    return;
  }
  yield* collectBytes(new Uint8Array(await readFile(path)), name);
}

/** One uploaded or read file: a ZIP archive is unpacked (a DOCX is not an archive), anything else is one input. */
export async function* collectBytes(bytes: Uint8Array, name: string): AsyncGenerator<Input> {
  if (isZip(bytes) && !isDocxZip(bytes)) yield* fromZip(bytes, name);
  else yield { name, bytes };
}

/** An entry name made safe for display: no absolute path, no "..", forward slashes. */
export function safeEntryName(raw: string): string | null {
  const name = raw.replace(/\\/g, '/');
  if (name.startsWith('/') || /^[a-zA-Z]:/.test(name)) return null;
  const norm = posix.normalize(name);
  return norm.split('/').includes('..') ? null : norm;
}

/** UTF-8 when the entry says so (bit 11) or decodes as such; else TIS-620, which Thai Windows archivers write. */
function entryName(entry: yauzl.Entry): string {
  const raw = entry.fileName as unknown as Buffer;
  if (typeof raw === 'string') return raw;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    return (entry.generalPurposeBitFlag & 0x800) ? raw.toString('utf8') : new TextDecoder('windows-874').decode(raw);
  }
}

async function* fromZip(bytes: Uint8Array, zipName: string): AsyncGenerator<Input> {
  const entries: Input[] = [];
  try {
    const zip = await new Promise<yauzl.ZipFile>((res, rej) =>
      yauzl.fromBuffer(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { lazyEntries: true, decodeStrings: false, validateEntrySizes: true }, (e, z) => (e ? rej(e) : res(z!))),
    );
    let total = 0;
    let count = 0;
    await new Promise<void>((resolve, reject) => {
      zip.on('error', reject);
      zip.on('end', resolve);
      zip.on('entry', (entry: yauzl.Entry) => {
        // Names are decoded here, not by yauzl: it refuses the whole archive over one unsafe name.
        entry.fileName = entryName(entry);
        const label = `${zipName}/${entry.fileName}`;
        const next = () => zip.readEntry();
        if (/\/$/.test(entry.fileName) || basename(entry.fileName).startsWith('.') || entry.fileName.startsWith('__MACOSX/')) return next();
        if (++count > LIMITS.maxZipEntries) {
          entries.push({ name: zipName, error: `more than ${LIMITS.maxZipEntries} files in the archive; the rest were not read` });
          zip.close();
          return resolve();
        }
        const safe = safeEntryName(entry.fileName);
        if (!safe) {
          entries.push({ name: label, error: 'unsafe path in the archive (absolute or with ..): not read' });
          return next();
        }
        if (entry.uncompressedSize > LIMITS.maxFileBytes) {
          entries.push({ name: `${zipName}/${safe}`, error: `${(entry.uncompressedSize / 1048576).toFixed(0)} MB unpacked, over the limit for one report` });
          return next();
        }
        if (entry.compressedSize > 0 && entry.uncompressedSize / entry.compressedSize > LIMITS.maxCompressionRatio) {
          entries.push({ name: `${zipName}/${safe}`, error: 'compression ratio too high (a ZIP bomb?): not read' });
          return next();
        }
        total += entry.uncompressedSize;
        if (total > LIMITS.maxZipTotalBytes) {
          entries.push({ name: zipName, error: 'the archive unpacks to more than 2 GB; the rest was not read' });
          zip.close();
          return resolve();
        }
        zip.openReadStream(entry, async (err, stream) => {
          if (err || !stream) {
            entries.push({ name: `${zipName}/${safe}`, error: `cannot be unpacked (${err?.message ?? 'no data'})` });
            return next();
          }
          const chunks: Buffer[] = [];
          try {
            for await (const c of stream) chunks.push(c as Buffer);
            entries.push({ name: `${zipName}/${safe}`, bytes: new Uint8Array(Buffer.concat(chunks)) });
          } catch (e) {
            entries.push({ name: `${zipName}/${safe}`, error: `cannot be unpacked (${(e as Error).message})` });
          }
          next();
        });
      });
      zip.readEntry();
    });
  } catch (e) {
    entries.push({ name: zipName, error: `a damaged ZIP archive (${(e as Error).message})` });
  }
  yield* entries;
}
