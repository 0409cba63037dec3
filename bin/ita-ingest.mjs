#!/usr/bin/env node
// Runs the TypeScript sources directly with Node's built-in type stripping (Node >= 22.18 / 23.6 without a flag).
// On an older Node 22 the flag is needed, so the CLI re-runs itself with it.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const [major] = process.versions.node.split('.').map(Number);
if (major < 22) {
  process.stderr.write(`ita-ingest needs Node.js 22 or newer (this is ${process.version})\n`);
  process.exit(2);
}
if (!process.features.typescript) {
  const r = spawnSync(process.execPath, ['--experimental-strip-types', '--no-warnings', fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
// The embedded database (PGlite, a WebAssembly PostgreSQL) runs with V8's baseline WebAssembly compiler only: its
// optimising tier-up compiles PostgreSQL's largest functions on the fly, which costs ~500 MB of transient compiler
// memory in a busy batch (measured: 150 reports peak at 760 MB RSS, 520 MB without; no slower). And a young
// generation of 4 MB semi-spaces instead of V8's 16: the batch's main thread receives every result from the
// extraction threads and turns it into database rows, and with the larger young generation V8 grew its heap to
// ~250 MB for ~60 MB in use (320-report batch: peak 700 → 500 MB RSS, no slower; issue 10). V8 takes these flags at
// start-up only, so the roles that may open the embedded database re-execute themselves with them (same process id,
// signals and stdio).
const EMBEDDED_ROLES = new Set(['batch', 'serve', 'user']);
const EMBEDDED_FLAGS = ['--liftoff-only', '--max-semi-space-size=4'];
const missing = EMBEDDED_FLAGS.filter((f) => !process.execArgv.includes(f));
if (EMBEDDED_ROLES.has(process.argv[2]) && !process.env.DATABASE_URL && missing.length && typeof process.execve === 'function') {
  process.emitWarning = () => {}; // process.execve is marked experimental; its warning would only confuse a user
  process.execve(process.execPath, [process.execPath, ...process.execArgv, ...missing, fileURLToPath(import.meta.url), ...process.argv.slice(2)], process.env);
}
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
