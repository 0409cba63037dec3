/**
 * Upload latency: `POST /api/reports` with a 1 MB report (multipart, an API token), 50 connections for 10 s
 * (autocannon), every body different (a new report each time, so each is stored and processed). Two servers:
 *  - queued: `serve` with PostgreSQL and Redis: processing goes to the BullMQ queue (no worker runs meanwhile);
 *  - embedded: `serve` on PGlite: processing runs in the server's own extraction threads, on the same 2 cores as
 *    the uploads — the worst case for latency.
 * The embedded server is stopped with SIGKILL once measured: on SIGTERM it would first read every report uploaded
 * (minutes of work that is not what is measured here). `--profile` writes the servers' CPU profiles
 * (--cpu-prof) to bench/.data/prof/.
 * Run: node bench/upload.ts [--profile]
 */
import { readFileSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import autocannon from 'autocannon';
import { DATA, REDIS_URL, ROOT, dropQueue, runCli, withSchema } from './runs.ts';
import { openDatabase } from '../src/store/db.ts';
import { createApiToken, createUser } from '../src/store/users-repo.ts';

const PORT = 18000 + (process.pid % 1000);
const SIZE = 1024 * 1024;
const CONNECTIONS = 50;
const SECONDS = 10;

/** A real report (the seed) padded with more of its own measures' text to 1 MB; `[<id>]` makes each one new. */
function body(boundary: string): string {
  const seed = readFileSync(`${ROOT}fixtures/seed/laharnsai-2568.mixed.txt`, 'utf8');
  let text = `${seed}\nอ้างอิง [<id>]\n`;
  while (Buffer.byteLength(text) < SIZE) text += seed.slice(0, Math.min(seed.length, SIZE - Buffer.byteLength(text)));
  return `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="report.txt"\r\nContent-Type: text/plain\r\n\r\n${text}\r\n--${boundary}--\r\n`;
}

async function measure(label: string, env: Record<string, string>) {
  const db = await openDatabase({ databaseUrl: env.DATABASE_URL || null, schema: env.ITA_DB_SCHEMA, dataDir: env.ITA_DATA_DIR });
  const user = await createUser(db, { username: `bench${Date.now()}`, password: 'bench-password-1', role: 'uploader', provinces: ['บุรีรัมย์'] });
  const token = await createApiToken(db, user.id, 'bench');
  await db.close();
  const profile = process.argv.includes('--profile') ? ['--cpu-prof', `--cpu-prof-dir=${DATA}prof`] : [];
  const server = runCli(['serve', '--port', String(PORT), '--host', '127.0.0.1'], env, profile);
  for (let i = 0; i < 100; i++) {
    if (await fetch(`http://127.0.0.1:${PORT}/api/formats`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const boundary = 'ita-bench-boundary';
  const r = await autocannon({
    url: `http://127.0.0.1:${PORT}/api/reports`,
    connections: CONNECTIONS,
    duration: SECONDS,
    idReplacement: true,
    requests: [{ method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}` }, body: body(boundary) }],
  });
  server.child.kill(env.REDIS_URL ? 'SIGTERM' : 'SIGKILL');
  await server.done;
  return { label, r, peakMb: server.peakMb() };
}

const queue = `bench-up-${Date.now()}`;
rmSync(`${DATA}upload-db`, { recursive: true, force: true });
const runs = [
  await withSchema((env) => measure('queued (PostgreSQL + BullMQ; no worker running)', { ...env, REDIS_URL, ITA_QUEUE: queue })),
  await measure('embedded (PGlite; extraction threads in the server)', { DATABASE_URL: '', REDIS_URL: '', ITA_DATA_DIR: `${DATA}upload-db` }),
];
await dropQueue(queue);

console.log(`Machine: ${cpus()[0]?.model ?? '?'}, ${availableParallelism()} cores, ${Math.round(totalmem() / 2 ** 30)} GiB; node ${process.version}`);
console.log(`POST /api/reports, ${SIZE / 1048576} MB multipart, ${CONNECTIONS} connections, ${SECONDS} s (autocannon)\n`);
console.log(['| server | uploads | 2xx | other | p50 ms | p90 ms | p99 ms | max ms | server peak RSS MB |', '|---|---|---|---|---|---|---|---|---|',
  ...runs.map(({ label, r, peakMb }) => `| ${label} | ${r.requests.total} | ${r['2xx']} | ${r.non2xx + r.errors + r.timeouts} | ${r.latency.p50} | ${r.latency.p90} | ${r.latency.p99} | ${r.latency.max} | ${peakMb.toFixed(0)} |`)].join('\n'));
