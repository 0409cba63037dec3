/** Every error becomes JSON a person can act on, with the status in one place. */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { PermanentError, RefusedError, TransientError, type RefusalReason } from '../model/errors.ts';

export class HttpError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

/** The one place where a domain refusal becomes an HTTP status. */
const STATUS: Record<RefusalReason, number> = { 'not-found': 404, forbidden: 403, invalid: 400, conflict: 409, 'too-large': 413 };

export function errorHandler(err: FastifyError | Error, req: FastifyRequest, reply: FastifyReply): void {
  const e = err as FastifyError & { status?: number };
  let status = 500;
  let message = 'internal error; the server log has the details';
  if (e instanceof HttpError) [status, message] = [e.status, e.message];
  else if (e instanceof RefusedError) [status, message] = [STATUS[e.reason], e.message];
  else if (e instanceof PermanentError) [status, message] = [422, `${e.fileName}: ${e.reason}`];
  else if (e instanceof TransientError) [status, message] = [503, `${e.message}; try again shortly`];
  else if (e.validation) [status, message] = [400, `invalid request: ${e.message}`];
  else if (e.code === 'FST_REQ_FILE_TOO_LARGE' || e.code === 'FST_ERR_CTP_BODY_TOO_LARGE') [status, message] = [413, `the upload is larger than the ${Math.round((req.server.initialConfig.bodyLimit ?? 0) / 1048576)} MB limit; split it or send the files one by one`];
  else if (e.code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') [status, message] = [400, 'send the file as multipart/form-data with a "file" field'];
  else if (typeof e.statusCode === 'number' && e.statusCode < 500) [status, message] = [e.statusCode, e.message];
  if (status >= 500) req.log.error({ err }, 'request failed');
  void reply.status(status).send({ error: status, message });
}
