/** Reports: upload, read (with review state), original bytes, send back. */
import { mimeOf } from '../../extractors/formats.ts';
import { thaiReason } from '../../model/failure-reasons.ts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../../store/db.ts';
import { getReport, receiveStream, reportFile } from '../../store/reports-repo.ts';
import { corrections, flagStates, reportAccess, returnReport, reviewHistory } from '../../store/review-repo.ts';
import type { Processor } from '../../workers/processor.ts';
import { requireUser } from '../auth.ts';
import { HttpError } from '../http-errors.ts';
import { RefusedError } from '../../model/errors.ts';

const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: '^[0-9a-f]{64}$' } } };

/** The uploaded file, stored as it arrives (never whole in memory in embedded mode). */
async function receiveUpload(db: Db, req: FastifyRequest, uploadedBy: number): Promise<{ sha256: string; isNew: boolean }> {
  if (!req.isMultipart()) throw new HttpError(400, 'send the file as multipart/form-data with a "file" field');
  const file = await req.file();
  if (!file) throw new HttpError(400, 'no file in the upload (the form needs a "file" field)');
  const limitMb = Math.round((req.server.initialConfig.bodyLimit ?? 0) / 1048576);
  // Past the size limit the multipart stream just stops (marked truncated): refused, and nothing is kept.
  async function* whole(): AsyncIterable<Uint8Array> {
    for await (const chunk of file!.file) yield chunk as Uint8Array;
    if (file!.file.truncated) throw new RefusedError('too-large', `the upload is larger than the ${limitMb} MB limit; split it or send the files one by one`);
  }
  return receiveStream(db, whole(), file.filename || 'upload', uploadedBy);
}

export async function checkAccess(db: Db, req: FastifyRequest, sha256: string): Promise<void> {
  const access = await reportAccess(db, requireUser(req), sha256);
  if (access === 'missing') throw new HttpError(404, `no report ${sha256}`);
  if (access === 'forbidden') throw new HttpError(403, 'this report belongs to another province or agency');
}


export function reportRoutes(app: FastifyInstance, db: Db, processor: Processor): void {
  app.post('/api/reports', {
    schema: { summary: 'Upload one report (multipart "file"); 202 with its id, the sha256 of the bytes', consumes: ['multipart/form-data'] },
  }, async (req, reply) => {
    const user = requireUser(req);
    const { sha256, isNew } = await receiveUpload(db, req, user.id);
    // The same bytes again: the report keeps its owner; the sender learns of it only if it may see it.
    if (isNew) await processor.submit([sha256], null);
    else await checkAccess(db, req, sha256);
    const r = await getReport(db, sha256);
    return reply.status(202).send({ id: sha256, state: r?.state, duplicate: !isNew, url: `/api/reports/${sha256}` });
  });

  app.get('/api/reports/:id', { schema: { summary: 'A report: state, contract result, flags with their review state, corrections', params: idParams } }, async (req) => {
    const { id } = req.params as { id: string };
    await checkAccess(db, req, id);
    const r = (await getReport(db, id))!;
    const states = await flagStates(db, id);
    const flags = (r.result?.flags ?? []).map((f, idx) => {
      const s = states.find((x) => x.idx === idx);
      return { ...f, id: s?.id ?? null, review: s ? { state: s.state, by: s.resolvedBy } : null };
    });
    return { id, fileName: r.fileName, state: r.state, failureReason: r.failureReason, failureReasonTh: r.failureReason ? thaiReason(r.failureReason) : null, returnedNote: r.returnedNote, result: r.result, flags, corrections: await corrections(db, id) };
  });

  app.get('/api/reports/:id/original', { schema: { summary: 'The file exactly as uploaded', params: idParams } }, async (req, reply) => {
    const { id } = req.params as { id: string };
    await checkAccess(db, req, id);
    const row = await reportFile(db, id);
    if (!row) throw new HttpError(404, `the original of report ${id} is missing from the store`);
    void reply.header('content-type', mimeOf(row.format));
    void reply.header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(row.fileName)}`);
    void reply.header('x-content-type-options', 'nosniff');
    void reply.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox");
    return reply.send(Buffer.from(row.bytes));
  });

  app.get('/api/reports/:id/history', { schema: { summary: 'Every review decision on the report, oldest first: who, when, confirm / correct (old → new) / dismiss / return, note', params: idParams } }, async (req) => {
    const { id } = req.params as { id: string };
    await checkAccess(db, req, id);
    return { items: await reviewHistory(db, id) };
  });

  app.post('/api/reports/:id/return', {
    schema: { summary: 'Send a report back to its agency, with a note', params: idParams, body: { type: 'object', required: ['note'], additionalProperties: false, properties: { note: { type: 'string', minLength: 1, maxLength: 2000 } } } },
  }, async (req) => {
    const { id } = req.params as { id: string };
    await checkAccess(db, req, id);
    await returnReport(db, requireUser(req), id, (req.body as { note: string }).note);
    return { id, state: 'returned' };
  });
}
