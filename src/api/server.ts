/**
 * The HTTP API and web UI. createServer(deps) builds the app without listening (tests inject requests);
 * the `serve` role listens. OpenAPI at /api/openapi.json, generated from the route schemas.
 */
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from '../log.ts';
import type { Db } from '../store/db.ts';
import type { Processor } from '../workers/processor.ts';
import { registerAuth } from './auth.ts';
import { errorHandler } from './http-errors.ts';
import { openapiOptions } from './openapi.ts';
import { batchRoutes } from './routes/batches.ts';
import { flagRoutes } from './routes/flags.ts';
import { reportRoutes } from './routes/reports.ts';
import { sessionRoutes } from './routes/session.ts';

export interface ServerDeps {
  db: Db;
  processor: Processor;
  /** Largest accepted upload, bytes (one file, or one batch request). */
  uploadLimit?: number;
  /** Send the session cookie only over HTTPS. */
  secureCookies?: boolean;
  /** Request logs (one line per request, errors with their stack); none when unset. */
  logger?: Logger;
}

export const DEFAULT_UPLOAD_LIMIT = 50 * 1024 * 1024;

export async function createServer(deps: ServerDeps): Promise<FastifyInstance> {
  const limit = deps.uploadLimit ?? DEFAULT_UPLOAD_LIMIT;
  const app = Fastify({ ...(deps.logger ? { loggerInstance: deps.logger as FastifyBaseLogger } : { logger: false }), bodyLimit: limit, ajv: { customOptions: { coerceTypes: true, removeAdditional: false, allowUnionTypes: true } } });
  app.setErrorHandler(errorHandler);
  await app.register(swagger, openapiOptions);
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: limit, files: 500, fields: 20 }, throwFileSizeLimit: true });
  registerAuth(app, deps.db);
  sessionRoutes(app, deps.db, deps.secureCookies ?? false);
  reportRoutes(app, deps.db, deps.processor);
  batchRoutes(app, deps.db, deps.processor, limit);
  flagRoutes(app, deps.db);
  app.get('/api/health', { schema: { summary: 'Liveness and database check' } }, async () => {
    await deps.db.query('SELECT 1');
    return { ok: true };
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await app.register(fastifyStatic, { root: fileURLToPath(new URL('../web/', import.meta.url)), prefix: '/', index: ['index.html'] });
  await app.register(fastifyStatic, { root: fileURLToPath(new URL('../../node_modules/pdfjs-dist/build/', import.meta.url)), prefix: '/vendor/pdfjs/', decorateReply: false });
  // The UI inserts document text only as text; the policy is a second line: no inline or foreign scripts.
  app.addHook('onSend', async (req, reply) => {
    if (req.url.startsWith('/api/')) {
      // JSON about people's reports: never sniffed as something else, never kept in a shared or browser cache.
      void reply.header('x-content-type-options', 'nosniff');
      if (!reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
    } else {
      void reply.header('content-security-policy', "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; worker-src 'self' blob:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'");
      void reply.header('x-content-type-options', 'nosniff');
    }
  });
  app.setNotFoundHandler((req, reply) => reply.status(404).send({ error: 404, message: `no route ${req.method} ${req.url.split('?')[0]}` }));
  return app;
}
