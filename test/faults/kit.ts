/**
 * What the fault suite starts and breaks, all its own: a redis-server on a spare port (with or without
 * persistence), a TCP proxy in front of the shared PostgreSQL that can be cut for a while, worker and batch
 * processes of the real CLI. The shared Redis and PostgreSQL are never stopped.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers/cli.ts';

export const BIN = join(ROOT, 'bin/ita-ingest.mjs');

/** Every process started here, so none outlives the suite even when a test fails half-way. */
export const spawned: ChildProcess[] = [];

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** A TCP proxy to `target` that can refuse and drop every connection for a while (a PostgreSQL outage). */
export async function pgProxy(target: URL): Promise<{ port: number; outage(ms: number): Promise<void>; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const handler = (client: Socket) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    sockets.add(client).add(upstream);
    client.pipe(upstream).pipe(client);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
  };
  const port = await freePort();
  let server: Server;
  const listen = () => new Promise<void>((res) => {
    server = createServer(handler);
    server.listen(port, '127.0.0.1', () => res());
  });
  const close = () => new Promise<void>((res) => {
    for (const s of sockets) s.destroy();
    sockets.clear();
    server.close(() => res());
  });
  await listen();
  return {
    port,
    /** Drops every open connection and refuses new ones for `ms`, then listens again. */
    async outage(ms) {
      await close();
      await sleep(ms);
      await listen();
    },
    close,
  };
}

/** A redis-server of the suite's own; `persistent` → append-only file fsynced on every write. */
export async function ownRedis(persistent: boolean): Promise<{ url: string; stop(signal: 'SIGTERM' | 'SIGKILL'): Promise<void>; start(): Promise<void> }> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'ita-redis-'));
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--daemonize', 'no', '--logfile', join(dir, 'redis.log'),
    ...(persistent ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no'])];
  let proc: ChildProcess;
  const start = async () => {
    proc = spawn('redis-server', args, { stdio: 'ignore' });
    spawned.push(proc);
    for (let i = 0; i < 100; i++) {
      if (await canConnect(port)) return;
      await sleep(50);
    }
    throw new Error(`redis-server did not start on ${port}`);
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    start,
    stop: (signal) => new Promise<void>((res) => {
      proc.once('exit', () => res());
      proc.kill(signal);
    }),
  };
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((res) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), res(true)));
    s.once('error', () => res(false));
  });
}

export interface Env {
  [k: string]: string;
}

export interface Proc {
  child: ChildProcess;
  /** Everything written on stderr so far. */
  err(): string;
  exited: Promise<number | null>;
}

function run(args: string[], env: Env): Proc {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  spawned.push(child);
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  return { child, err: () => err, exited: new Promise((res) => child.on('exit', (code) => res(code))) };
}

export async function startWorker(env: Env): Promise<Proc> {
  const p = run(['worker', '--concurrency', '1'], env);
  for (let i = 0; i < 600; i++) {
    if (/ on ".*" with 1 thread/.test(p.err())) return p;
    if (p.child.exitCode !== null) throw new Error(`worker exited ${p.child.exitCode}: ${p.err()}`);
    await sleep(50);
  }
  throw new Error(`worker did not start: ${p.err()}`);
}

export function startBatch(dir: string, out: string, env: Env): Proc {
  return run(['batch', dir, '--province', 'ทดสอบ', '--out', out], env);
}

/** 150 distinct reports, the five forms in turn (text, HTML, DOCX, LibreOffice PDF, web-page PDF). */
export function inbox(count = 150): string {
  const dir = mkdtempSync(join(tmpdir(), 'ita-faults-'));
  mkdirSync(join(dir, 'in'));
  const forms = ['txt', 'html', 'docx', 'pdf', 'web.pdf'];
  for (let i = 1; i <= count; i++) {
    const name = `acc-${String(i).padStart(3, '0')}.${forms[i % forms.length]}`;
    cpSync(join(ROOT, 'fixtures/accuracy', name), join(dir, 'in', name));
  }
  return dir;
}
