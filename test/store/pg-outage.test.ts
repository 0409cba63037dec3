/**
 * PostgreSQL dropping connections under a running transaction (a restart, a network cut): the transaction fails
 * with an error the caller handles, the process does not crash, and once the server is reachable again the next
 * query works. A TCP proxy in front of the real server is cut by the test; the shared server is never stopped.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/store/db.ts';
import { PG_URL, dropSchema, uniqueName } from '../helpers/services.ts';

function proxy(target: URL): Promise<{ server: Server; port: number; cut(): void }> {
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    sockets.add(client).add(upstream);
    client.pipe(upstream).pipe(client);
    const drop = () => { client.destroy(); upstream.destroy(); sockets.delete(client); sockets.delete(upstream); };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
  });
  return new Promise((res) => server.listen(0, '127.0.0.1', () => res({
    server,
    port: (server.address() as { port: number }).port,
    cut: () => { for (const s of sockets) s.destroy(); sockets.clear(); },
  })));
}

describe('PostgreSQL connection lost during a transaction', () => {
  const schema = uniqueName('t_outage');
  let db: Db;
  let p: Awaited<ReturnType<typeof proxy>>;
  afterAll(async () => {
    await db?.close().catch(() => {});
    p?.server.close();
    await dropSchema(schema);
  });

  it('rejects the transaction, keeps the process alive, and recovers when the server is back', async () => {
    p = await proxy(new URL(PG_URL));
    const url = new URL(PG_URL);
    url.host = `127.0.0.1:${p.port}`;
    db = await openDatabase({ databaseUrl: url.toString(), schema });
    await db.exec('CREATE TABLE IF NOT EXISTS t (x int)');
    const uncaught: unknown[] = [];
    const onUncaught = (e: unknown) => uncaught.push(e);
    process.on('uncaughtException', onUncaught);
    try {
      const failing = db.tx(async (q) => {
        await q.query('INSERT INTO t VALUES (1)');
        p.cut(); // the connection drops while the client is checked out, between two statements
        await new Promise((r) => setTimeout(r, 200));
        await q.query('INSERT INTO t VALUES (2)');
      });
      await expect(failing).rejects.toThrow();
      await new Promise((r) => setTimeout(r, 300));
      expect(uncaught).toEqual([]);
      // The proxy still listens: new connections reach the server again.
      expect(await db.query<{ n: number }>('SELECT count(*)::int AS n FROM t')).toEqual([{ n: 0 }]);
    } finally {
      process.off('uncaughtException', onUncaught);
    }
  });
});
