/**
 * The files of a batch: files, folders (walked, hidden entries skipped) and ZIP archives (entries read in
 * memory — never written to disk, so a name like ../../etc/passwd cannot escape — with limits on entry count,
 * entry size, total size and compression ratio against ZIP bombs). A DOCX is a ZIP too: it is a report, not an
 * archive. What cannot be read becomes a failure with its reason; the rest goes on.
 */
import { viewOf } from '../model/bytes.ts';
import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises';
import { basename, join, posix, sep } from 'node:path';
import yauzl from 'yauzl';
import { isDocxZip, isZip, zipEntryNames } from '../extractors/zip-entries.ts';

export type Input = { name: string; bytes: Uint8Array } | { name: string; error: string };

export const LIMITS = {
  maxFileBytes: 100 * 1024 * 1024,
  maxZipEntries: 5000,
  maxZipTotalBytes: 2 * 1024 * 1024 * 1024,
  maxCompressionRatio: 200,
};


/** What a walk has seen: the real paths of the given roots, and the folders already entered (no loops). */
interface Walk {
  roots: string[];
  seen: Set<string>;
}

export async function* collectInputs(paths: string[]): AsyncGenerator<Input> {
  const roots = (await Promise.all(paths.map((p) => realpath(p).catch(() => null)))).filter((p): p is string => p !== null);
  const walk: Walk = { roots, seen: new Set() };
  for (const p of paths) yield* fromPath(p, basename(p), walk, true);
}

const inside = (path: string, root: string) => path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);

async function* fromPath(path: string, name: string, walk: Walk, given = false): AsyncGenerator<Input> {
  let info;
  try {
    info = await lstat(path);
  } catch (e) {
    yield { name, error: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : `cannot be read (${(e as Error).message})` };
    return;
  }
  let real = path;
  if (info.isSymbolicLink()) {
    // A link inside a given folder is followed only to a place inside the given folders: never to /etc/passwd,
    // never round in a loop.
    try {
      real = await realpath(path);
      info = await stat(real);
    } catch {
      yield { name, error: 'a symbolic link to nothing: not followed' };
      return;
    }
    if (!given && !walk.roots.some((r) => inside(real, r))) {
      yield { name, error: 'a symbolic link to a place outside the given folders: not followed' };
      return;
    }
  }
  if (info.isDirectory()) {
    const key = await realpath(real).catch(() => real);
    if (walk.seen.has(key)) {
      yield { name, error: 'a folder already read (a link loop): not read again' };
      return;
    }
    walk.seen.add(key);
    const entries = (await readdir(real)).filter((e) => !e.startsWith('.')).sort();
    for (const e of entries) yield* fromPath(join(real, e), name === '.' ? e : `${name}/${e}`, walk);
    return;
  }
  if (!info.isFile()) {
    yield { name, error: 'not a regular file (a device, socket or pipe): not read' };
    return;
  }
  if (info.size > LIMITS.maxFileBytes) {
    yield { name, error: `${(info.size / 1048576).toFixed(0)} MB, over the ${LIMITS.maxFileBytes / 1048576} MB limit for one report` };
    return;
  }
  yield* collectBytes(viewOf(await readFile(real)), name);
}

/** One uploaded or read file: a ZIP archive is unpacked (a DOCX is not an archive), anything else is one input. */
export async function* collectBytes(bytes: Uint8Array, name: string): AsyncGenerator<Input> {
  if (isArchive(bytes)) yield* fromZip(bytes, name);
  else yield { name, bytes };
}

/**
 * A ZIP of submissions, by its content: not a DOCX, and not any other Office Open XML package (an XLSX, or a .docx
 * without its document part, has [Content_Types].xml): those are one file each, which extraction refuses by name.
 */
export function isArchive(bytes: Uint8Array): boolean {
  if (!isZip(bytes) || isDocxZip(bytes)) return false;
  return !(zipEntryNames(bytes) ?? []).includes('[Content_Types].xml');
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

/**
 * The entries of a ZIP of submissions, one at a time: each entry is inflated only when the one before it has been
 * taken, so memory holds one entry, not the archive's whole content.
 */
async function* fromZip(bytes: Uint8Array, zipName: string): AsyncGenerator<Input> {
  let zip: yauzl.ZipFile;
  try {
    zip = await new Promise<yauzl.ZipFile>((res, rej) =>
      yauzl.fromBuffer(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { lazyEntries: true, decodeStrings: false, validateEntrySizes: true }, (e, z) => (e ? rej(e) : res(z!))),
    );
  } catch (e) {
    yield { name: zipName, error: `a damaged ZIP archive (${(e as Error).message})` };
    return;
  }
  /** The next entry, or null at the end; a damaged central directory rejects. */
  const nextEntry = () =>
    new Promise<yauzl.Entry | null>((resolve, reject) => {
      const done = () => {
        zip.off('entry', onEntry).off('end', onEnd).off('error', onError);
      };
      const onEntry = (e: yauzl.Entry) => (done(), resolve(e));
      const onEnd = () => (done(), resolve(null));
      const onError = (e: Error) => (done(), reject(e));
      zip.on('entry', onEntry).on('end', onEnd).on('error', onError);
      zip.readEntry();
    });
  const inflate = (entry: yauzl.Entry) =>
    new Promise<Uint8Array>((resolve, reject) => {
      zip.openReadStream(entry, async (err, stream) => {
        if (err || !stream) return reject(err ?? new Error('no data'));
        // Into one buffer of the size the directory states (yauzl checks the real size against it): no second copy.
        const out = new Uint8Array(entry.uncompressedSize);
        let at = 0;
        try {
          for await (const c of stream) {
            out.set(c as Buffer, at);
            at += (c as Buffer).length;
          }
          resolve(out.subarray(0, at));
        } catch (e) {
          reject(e);
        }
      });
    });
  let total = 0;
  let count = 0;
  try {
    for (let entry = await nextEntry(); entry; entry = await nextEntry()) {
      // Names are decoded here, not by yauzl: it refuses the whole archive over one unsafe name.
      entry.fileName = entryName(entry);
      // Folders, and hidden or macOS metadata files — judged on the normalised name, after the safety check:
      // "..\\..\\x" is an unsafe path to report, not a hidden file to skip.
      if (/[/\\]$/.test(entry.fileName)) continue;
      if (++count > LIMITS.maxZipEntries) {
        yield { name: zipName, error: `more than ${LIMITS.maxZipEntries} files in the archive; the rest were not read` };
        break;
      }
      const safe = safeEntryName(entry.fileName);
      if (!safe) {
        yield { name: `${zipName}/${entry.fileName}`, error: 'unsafe path in the archive (absolute or with ..): not read' };
        continue;
      }
      if (basename(safe).startsWith('.') || safe.startsWith('__MACOSX/')) continue;
      const label = `${zipName}/${safe}`;
      if (entry.uncompressedSize > LIMITS.maxFileBytes) {
        yield { name: label, error: `${(entry.uncompressedSize / 1048576).toFixed(0)} MB unpacked, over the limit for one report` };
        continue;
      }
      if (entry.compressedSize > 0 && entry.uncompressedSize / entry.compressedSize > LIMITS.maxCompressionRatio) {
        yield { name: label, error: 'compression ratio too high (a ZIP bomb?): not read' };
        continue;
      }
      total += entry.uncompressedSize;
      if (total > LIMITS.maxZipTotalBytes) {
        yield { name: zipName, error: 'the archive unpacks to more than 2 GB; the rest was not read' };
        break;
      }
      let data: Uint8Array;
      try {
        data = await inflate(entry);
      } catch (e) {
        yield { name: label, error: `cannot be unpacked (${(e as Error).message})` };
        continue;
      }
      yield { name: label, bytes: data };
    }
  } catch (e) {
    yield { name: zipName, error: `a damaged ZIP archive (${(e as Error).message})` };
  } finally {
    zip.close();
  }
}
