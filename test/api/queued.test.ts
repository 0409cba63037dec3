/** With REDIS_URL the API hands uploads to the queue: a worker on the real Redis and PostgreSQL processes them. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config.ts';
import { createServer } from '../../src/api/server.ts';
import { openDatabase } from '../../src/store/db.ts';
import { createUser } from '../../src/store/users-repo.ts';
import { queueProcessor } from '../../src/workers/processor.ts';
import { workerConnection } from '../../src/workers/queues.ts';
import { startWorker } from '../../src/workers/start-worker.ts';
import { ExtractionPool } from '../../src/workers/thread-pool.ts';
import { ROOT } from '../helpers/cli.ts';
import { PG_URL, REDIS_URL, dropSchema, uniqueName } from '../helpers/services.ts';

describe('API with the queue', () => {
  const schema = uniqueName('t_api_q');
  const queueName = uniqueName('q');
  const cleanup: Array<() => Promise<unknown>> = [];
  afterAll(async () => {
    for (const c of cleanup.reverse()) await c().catch(() => {});
  });

  it('an upload is processed by a BullMQ worker', async () => {
    const cfg = readConfig({ DATABASE_URL: PG_URL, ITA_DB_SCHEMA: schema, REDIS_URL, ITA_QUEUE: queueName });
    const db = await openDatabase({ databaseUrl: cfg.databaseUrl, schema });
    cleanup.push(() => dropSchema(schema), () => db.close());
    const processor = await queueProcessor(cfg);
    const app = await createServer({ db, processor });
    cleanup.push(() => processor.close(), () => app.close());
    const pool = new ExtractionPool(1);
    const connection = workerConnection(REDIS_URL);
    const worker = startWorker({ db, pool, connection, queueName, concurrency: 1, lockMs: 30_000, stalledMs: 30_000 });
    // Run in reverse: stop the worker, then its pool and connection, then empty the queue on a fresh connection.
    cleanup.push(async () => {
      const c = workerConnection(REDIS_URL);
      const q = new Queue(queueName, { connection: c });
      await q.obliterate({ force: true });
      await q.close();
      c.disconnect();
    }, async () => connection.disconnect(), () => pool.close(), () => worker.close());

    await createUser(db, { username: 'admin', password: 'correct horse battery', role: 'admin' });
    const login = await app.inject({ method: 'POST', url: '/api/login', payload: { username: 'admin', password: 'correct horse battery' } });
    const headers = { cookie: String(login.headers['set-cookie']).split(';')[0], 'x-csrf-token': login.json().csrfToken };
    const boundary = 'xyz';
    const bytes = readFileSync(join(ROOT, 'fixtures/variants/arabic-digits-clean.txt'));
    const payload = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\n`), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]);
    const up = await app.inject({ method: 'POST', url: '/api/reports', payload, headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` } });
    expect(up.statusCode).toBe(202);
    let state = '';
    for (let i = 0; i < 200 && !['clean', 'needs_review', 'failed'].includes(state); i++) {
      await new Promise((r) => setTimeout(r, 100));
      state = (await app.inject({ method: 'GET', url: `/api/reports/${up.json().id}`, headers })).json().state;
    }
    expect(state).toBe('clean');
  });
});
