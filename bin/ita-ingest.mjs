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
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
