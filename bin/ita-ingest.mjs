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
// memory in a busy batch (measured: 150 reports peak at 760 MB RSS, 520 MB without; no slower). V8 takes the flag at
// start-up only, so the roles that may open it re-execute themselves with it (same process id, signals and stdio).
const EMBEDDED_ROLES = new Set(['batch', 'serve', 'user']);
if (EMBEDDED_ROLES.has(process.argv[2]) && !process.env.DATABASE_URL && !process.execArgv.includes('--liftoff-only') && typeof process.execve === 'function') {
  process.emitWarning = () => {}; // process.execve is marked experimental; its warning would only confuse a user
  process.execve(process.execPath, [process.execPath, ...process.execArgv, '--liftoff-only', fileURLToPath(import.meta.url), ...process.argv.slice(2)], process.env);
}
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
