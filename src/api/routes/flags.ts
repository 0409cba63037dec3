/** The review queue and flag resolution. */
import type { FastifyInstance } from 'fastify';
import { acceptedExtensions, FORMATS } from '../../extractors/formats.ts';
import { FLAGS } from '../../model/flags.ts';
import type { Db } from '../../store/db.ts';
import { listFlags, resolveFlag, type Resolution } from '../../store/review-repo.ts';
import { requireRole, requireUser } from '../auth.ts';
import { HttpError } from '../http-errors.ts';

export function flagRoutes(app: FastifyInstance, db: Db): void {
  app.get('/api/flags', {
    schema: {
      summary: 'The review queue, errors first, paged',
      querystring: {
        type: 'object', additionalProperties: false,
        properties: {
          state: { type: 'string', enum: ['open', 'confirmed', 'corrected', 'dismissed'], default: 'open' },
          severity: { type: 'string', enum: ['error', 'warning', 'info'] },
          province: { type: 'string', maxLength: 64 },
          code: { type: 'string', pattern: '^[A-Z_]{3,40}$' },
          report: { type: 'string', pattern: '^[0-9a-f]{64}$' },
          batch: { type: 'string', pattern: '^[0-9a-f-]{36}$' },
          page: { type: 'integer', minimum: 1, default: 1 },
          pageSize: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
        },
      },
    },
  }, async (req) => {
    const user = requireUser(req);
    const q = req.query as { state: string; severity?: string; province?: string; code?: string; report?: string; batch?: string; page: number; pageSize: number };
    if (q.province && user.role === 'reviewer' && !user.provinces.includes(q.province)) throw new HttpError(403, `you are not assigned to ${q.province}`);
    return listFlags(db, user, { state: q.state, severity: q.severity, province: q.province, code: q.code, sha256: q.report, batch: q.batch, page: q.page, pageSize: q.pageSize });
  });

  app.get('/api/flag-codes', { schema: { summary: 'Every flag code with its severity, Thai and English title and a one-line explanation' } }, async (req) => {
    requireUser(req);
    return { items: Object.entries(FLAGS).map(([code, f]) => ({ code, severity: f.severity, th: f.th, en: f.en, explain: f.explain })) };
  });

  app.get('/api/formats', { schema: { summary: 'The input formats (from the format registry) and the file name endings the upload accepts' } }, async (req) => {
    requireUser(req);
    return { items: FORMATS.map((f) => ({ format: f.format, mime: f.mime, extensions: f.extensions })), accept: acceptedExtensions() };
  });

  app.post('/api/flags/:id/resolve', {
    schema: {
      summary: 'Decide a flag: confirm (the document is wrong), correct (our reading was wrong; audited) or dismiss (not a problem)',
      params: { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1 } } },
      body: {
        type: 'object', required: ['action'], additionalProperties: false,
        properties: { action: { type: 'string', enum: ['confirm', 'correct', 'dismiss', 'accept'], description: 'accept: the former name of confirm' }, value: { type: ['number', 'string'] }, note: { type: 'string', maxLength: 2000 } },
      },
    },
  }, async (req) => {
    const user = requireRole(req, 'reviewer', 'admin');
    const { id } = req.params as { id: number };
    return resolveFlag(db, user, id, req.body as Resolution);
  });
}
