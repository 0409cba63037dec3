/**
 * Where the original bytes of each report are kept, by the sha256 of those bytes (content-addressed, immutable).
 *
 * - Embedded mode (PGlite): files on disk, `<dataDir>/blobs/ab/abcd…`, written to a temporary name and renamed, so a
 *   crash never leaves half a file under a report's name. PGlite holds its whole database in the process's heap and
 *   a bytea parameter costs it ~77× its size (10 MB → 1.4 GB RSS, measured): the bytes must not go through it.
 * - PostgreSQL: `report_files.bytea`, so that every worker on every machine reads the same originals. pg sends a
 *   bytea as hex text (2× its size) and the server keeps it out of line (TOAST); measured in RELIABILITY.md.
 */
import { viewOf } from '../model/bytes.ts';
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Queryable } from './db.ts';

export interface BlobStore {
  /** Stores the bytes under their hash (a second put of the same bytes is a no-op). */
  put(q: Queryable, sha256: string, bytes: Uint8Array): Promise<void>;
  get(q: Queryable, sha256: string): Promise<Uint8Array | null>;
  /** The first `n` bytes (to decide whether the whole is worth reading). */
  head(q: Queryable, sha256: string, n: number): Promise<Uint8Array | null>;
  /**
   * Stores what `stream` delivers, hashing it on the way, without holding it in memory (on disk); returns its hash
   * and size. Absent when the store keeps bytes in the database: the caller buffers them.
   */
  putStream?(stream: AsyncIterable<Uint8Array>): Promise<{ sha256: string; size: number }>;
  /** Frees what the store itself holds (a temporary folder). */
  close(): Promise<void>;
}

export function databaseBlobs(): BlobStore {
  return {
    async put(q, sha256, bytes) {
      await q.query(`INSERT INTO report_files (sha256, bytes) VALUES ($1, $2) ON CONFLICT (sha256) DO NOTHING`, [sha256, bytes]);
    },
    async get(q, sha256) {
      const [row] = await q.query<{ bytes: Uint8Array }>(`SELECT bytes FROM report_files WHERE sha256 = $1`, [sha256]);
      return row ? viewOf(row.bytes) : null;
    },
    async head(q, sha256, n) {
      const [row] = await q.query<{ bytes: Uint8Array }>(`SELECT substring(bytes FROM 1 FOR $2) AS bytes FROM report_files WHERE sha256 = $1`, [sha256, n]);
      return row ? viewOf(row.bytes) : null;
    },
    close: async () => {},
  };
}

/** Files on disk under `root`; with no root, a temporary folder removed on close (an in-memory database). */
export async function diskBlobs(root: string | undefined): Promise<BlobStore> {
  const dir = root ?? (await mkdtemp(join(tmpdir(), 'ita-blobs-')));
  const pathOf = (sha256: string) => join(dir, sha256.slice(0, 2), sha256);
  return {
    async putStream(stream) {
      await mkdir(dir, { recursive: true });
      const tmp = join(dir, `incoming-${randomUUID()}.part`);
      const hash = createHash('sha256');
      let size = 0;
      const fh = await open(tmp, 'wx');
      try {
        for await (const chunk of stream) {
          hash.update(chunk);
          size += chunk.length;
          await fh.write(chunk);
        }
      } catch (e) {
        await fh.close();
        await rm(tmp, { force: true });
        throw e;
      }
      await fh.close();
      const sha256 = hash.digest('hex');
      await mkdir(join(dir, sha256.slice(0, 2)), { recursive: true });
      await rename(tmp, pathOf(sha256));
      return { sha256, size };
    },
    async put(_q, sha256, bytes) {
      const path = pathOf(sha256);
      if (await stat(path).then((s) => s.size === bytes.length, () => false)) return;
      await mkdir(join(dir, sha256.slice(0, 2)), { recursive: true });
      const tmp = `${path}.${randomUUID()}.part`;
      await writeFile(tmp, bytes, { flag: 'wx' });
      await rename(tmp, path);
    },
    async get(q, sha256) {
      try {
        return viewOf(await readFile(pathOf(sha256)));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
        // A data folder from before the blob store kept the bytes in the database.
        return databaseBlobs().get(q, sha256);
      }
    },
    async head(q, sha256, n) {
      let fh;
      try {
        fh = await open(pathOf(sha256), 'r');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
        return databaseBlobs().head(q, sha256, n);
      }
      try {
        const buf = new Uint8Array(n);
        const { bytesRead } = await fh.read(buf, 0, n, 0);
        return buf.subarray(0, bytesRead);
      } finally {
        await fh.close();
      }
    },
    async close() {
      if (!root) await rm(dir, { recursive: true, force: true });
    },
  };
}
