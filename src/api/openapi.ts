/**
 * The OpenAPI document, completed from the routes in one place (the routes' own schemas stay what they validate):
 * an operationId for every operation, the security that applies (session cookie with CSRF header, or a bearer API
 * token; none for login and health), a response for every status an operation answers, 4xx included, with the
 * error body `{ error, message }`, and the multipart request bodies of the uploads.
 */
import type { FastifyDynamicSwaggerOptions } from '@fastify/swagger';

const ERROR = {
  type: 'object',
  required: ['error', 'message'],
  properties: { error: { type: 'integer', description: 'the HTTP status' }, message: { type: 'string', description: 'what went wrong, in plain words' } },
};
const err = (description: string) => ({ description, ...ERROR });
const ANY = { type: 'object', additionalProperties: true };

/** operationId, success status and description, and which errors apply, per route. */
const OPERATIONS: Record<string, { id: string; ok?: number; okDescription: string; errors: number[]; upload?: 'report' | 'batch'; binary?: boolean }> = {
  'POST /api/login': { id: 'login', okDescription: 'logged in: the user and the CSRF token; the session cookie is set', errors: [400, 401, 429] },
  'POST /api/logout': { id: 'logout', okDescription: 'the session ended', errors: [401, 403] },
  'GET /api/me': { id: 'getMe', okDescription: 'the logged-in user and the CSRF token', errors: [401] },
  'POST /api/reports': { id: 'uploadReport', ok: 202, okDescription: 'stored and queued: the report id (sha256 of the bytes) and its state', errors: [400, 401, 403, 413], upload: 'report' },
  'GET /api/reports/{id}': { id: 'getReport', okDescription: 'the report: state, contract result, flags with their review state, corrections', errors: [400, 401, 403, 404] },
  'GET /api/reports/{id}/original': { id: 'getReportOriginal', okDescription: 'the file exactly as uploaded', errors: [400, 401, 403, 404], binary: true },
  'GET /api/reports/{id}/history': { id: 'getReportHistory', okDescription: 'every review decision on the report, oldest first', errors: [400, 401, 403, 404] },
  'POST /api/reports/{id}/return': { id: 'returnReport', okDescription: 'the report is sent back to its agency with the note', errors: [400, 401, 403, 404] },
  'POST /api/batches': { id: 'uploadBatch', ok: 202, okDescription: 'the batch id and how many files it holds', errors: [400, 401, 403, 413], upload: 'batch' },
  'GET /api/batches': { id: 'listBatches', okDescription: 'the batches you may see, newest first', errors: [401] },
  'GET /api/batches/{id}': { id: 'getBatch', okDescription: 'batch progress and the province table', errors: [400, 401, 403, 404] },
  'GET /api/batches/{id}/export.{format}': { id: 'exportBatch', okDescription: 'the province table as CSV, XLSX or JSON', errors: [400, 401, 403, 404], binary: true },
  'GET /api/flags': { id: 'listFlags', okDescription: 'the review queue, a page at a time', errors: [400, 401, 403] },
  'GET /api/flag-codes': { id: 'listFlagCodes', okDescription: 'every flag code with its severity, Thai and English title and explanation', errors: [401] },
  'GET /api/formats': { id: 'listFormats', okDescription: 'the input formats of the registry and the file name endings uploads accept', errors: [401] },
  'POST /api/flags/{id}/resolve': { id: 'resolveFlag', okDescription: 'the flag resolved and the report state that follows', errors: [400, 401, 403, 404, 409] },
  'GET /api/health': { id: 'health', okDescription: 'the server and its database answer', errors: [] },
};

const ERROR_TEXT: Record<number, string> = {
  400: 'bad request: a parameter or the body is not what the operation takes',
  401: 'not logged in, or the token is not valid',
  403: 'not allowed: another province or agency, or a missing CSRF token',
  404: 'no such report, batch or flag',
  409: 'the value this flag points at is no longer in the report',
  413: 'the upload is over the size limit',
  429: 'too many failed logins for this account; wait and try again',
};

const PUBLIC = new Set(['login', 'health']);

export const openapiOptions: FastifyDynamicSwaggerOptions = {
  openapi: {
    openapi: '3.0.3',
    info: {
      title: 'ita-ingest',
      version: '1',
      description: 'Thai ITA integrity reports: upload, extraction results, review queue, province exports. Errors are JSON `{ error, message }`.',
      license: { name: 'MIT', url: 'https://opensource.org/licenses/MIT' },
    },
    servers: [{ url: '/', description: 'this server' }],
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'ita_session', description: 'the session cookie set by POST /api/login; state-changing requests also send the CSRF token from the login answer in the x-csrf-token header' },
        bearer: { type: 'http', scheme: 'bearer', description: 'an API token from `ita-ingest user token NAME`' },
      },
    },
    security: [{ session: [] }, { bearer: [] }],
  },
  transform: ({ schema, url, route }) => {
    const method = ([] as string[]).concat(route.method)[0];
    const path = url.replace(/:(\w+)/g, '{$1}');
    const op = OPERATIONS[`${method} ${path}`];
    const out: Record<string, unknown> = { ...(schema ?? {}) };
    if (!op) return { schema: out as never, url };
    out.operationId = op.id;
    if (PUBLIC.has(op.id)) out.security = [];
    const response: Record<string, unknown> = { ...((out.response as Record<string, unknown> | undefined) ?? {}) };
    const ok = op.ok ?? 200;
    response[ok] ??= op.binary ? { description: op.okDescription, type: 'string', format: 'binary' } : { description: op.okDescription, ...ANY };
    for (const code of op.errors) response[code] ??= err(ERROR_TEXT[code]);
    response['500'] ??= err('an internal error (logged on the server)');
    out.response = response;
    if (op.upload) {
      out.consumes = ['multipart/form-data'];
      out.body = op.upload === 'report'
        ? { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary', description: 'one report: PDF, DOCX, HTML or text' } } }
        : { type: 'object', required: ['files'], properties: { province: { type: 'string' }, files: { type: 'array', items: { type: 'string', format: 'binary' }, description: 'reports and ZIP archives of reports' } } };
    }
    return { schema: out as never, url };
  },
};
