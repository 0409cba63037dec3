/**
 * Creates a new embedded database folder, run in a child process by db.ts: PGlite's initdb peaks at ~1.1 GB
 * (measured, whatever the settings), which would otherwise stay the peak of the `batch` or `serve` that first
 * opened the folder. Once made, opening it costs the parent ~0.35 GB. Usage: node pglite-init.ts FOLDER
 */
import { PGlite } from '@electric-sql/pglite';
import { PGLITE_CONF } from './pglite-conf.ts';

const dir = process.argv[2];
if (!dir) {
  process.stderr.write('usage: node pglite-init.ts FOLDER\n');
  process.exit(2);
}
const db = await PGlite.create(dir, { postgresqlconf: PGLITE_CONF });
await db.query('SELECT 1');
await db.close();
