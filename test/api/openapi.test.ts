/**
 * The OpenAPI document as served at /api/openapi.json, linted with Redocly's recommended rules: the test fails on
 * any error (missing security, operationIds, response schemas…). The uploads' multipart bodies are described.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createServer } from '../../src/api/server.ts';
import { openDatabase, type Db } from '../../src/store/db.ts';
import { ROOT } from '../helpers/cli.ts';

describe('OpenAPI document', () => {
  let db: Db;
  let app: FastifyInstance;
  let doc: Record<string, any>;
  const work = mkdtempSync(join(tmpdir(), 'ita-openapi-'));
  beforeAll(async () => {
    db = await openDatabase({ databaseUrl: null, schema: 'public', dataDir: join(work, 'db') });
    app = await createServer({ db, processor: { submit: async () => {}, close: async () => {} } as never });
    doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it('passes redocly lint (recommended rules) with no error', () => {
    const file = join(work, 'openapi.json');
    writeFileSync(file, JSON.stringify(doc));
    const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/@redocly/cli/bin/cli.js'), 'lint', file, '--format=summary'], { encoding: 'utf8' });
    expect(r.stdout + r.stderr).toMatch(/Your API description is valid/);
    expect(r.status, r.stdout + r.stderr).toBe(0);
  }, 60_000);

  it('every operation has an operationId and a 4xx answer with the error body, uploads take multipart', () => {
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
      for (const [method, op] of Object.entries(ops)) {
        expect(op.operationId, `${method} ${path}`).toBeTruthy();
        if (path !== '/api/health') expect(Object.keys(op.responses).some((c) => c.startsWith('4')), `${method} ${path}`).toBe(true);
      }
    }
    expect(Object.keys(doc.paths['/api/reports'].post.requestBody.content)).toEqual(['multipart/form-data']);
    expect(Object.keys(doc.paths['/api/reports'].post.responses)).toContain('202');
    expect(doc.components.securitySchemes).toMatchObject({ session: { type: 'apiKey', in: 'cookie' }, bearer: { type: 'http', scheme: 'bearer' } });
    expect(doc.paths['/api/login'].post.security).toEqual([]);
  });
});
