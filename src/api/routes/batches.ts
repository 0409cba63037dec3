/** Batches: upload several files or a ZIP with a province, follow progress, export with corrections applied. */
import { thaiReason } from '../../model/failure-reasons.ts';
import { viewOf } from '../../model/bytes.ts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { collectBytes } from '../../inputs/collect.ts';
import { provinceRows } from '../../export/province-table.ts';
import { frameworkFor } from '../../parse/indicators.ts';
import { provinceXlsx, provinceCsv } from '../../export/writers.ts';
import type { Db } from '../../store/db.ts';
import { addBatchFailure, addToBatch, batchAccess, batchFailures, batchProgress, batchRows, completeBatchChecks, createBatch, listBatches } from '../../store/batches-repo.ts';
import { receiveReport } from '../../store/reports-repo.ts';
import type { Processor } from '../../workers/processor.ts';
import { RefusedError } from '../../model/errors.ts';
import { requireUser } from '../auth.ts';
import { HttpError } from '../http-errors.ts';

const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: '^[0-9a-f-]{36}$' } } };

async function checkBatch(db: Db, req: FastifyRequest, id: string): Promise<{ province: string | null }> {
  const { access, province } = await batchAccess(db, requireUser(req), id);
  if (access === 'missing') throw new HttpError(404, `no batch ${id}`);
  if (access === 'forbidden') throw new HttpError(403, 'this batch belongs to another province');
  return { province };
}

export function batchRoutes(app: FastifyInstance, db: Db, processor: Processor, uploadLimit: number): void {
  app.post('/api/batches', {
    schema: { summary: 'Upload a batch (multipart: one or more "file" fields, ZIPs unpacked, and a "province" field); 202 with the batch id', consumes: ['multipart/form-data'] },
  }, async (req, reply) => {
    const user = requireUser(req);
    if (!req.isMultipart()) throw new HttpError(400, 'send the files as multipart/form-data');
    let province: string | null = null;
    const files: Array<{ name: string; bytes: Uint8Array }> = [];
    // The limit holds for the whole request as well as for each file: many files just under it are refused too.
    let total = 0;
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        const bytes = viewOf(await part.toBuffer());
        total += bytes.length;
        if (total > uploadLimit) throw new RefusedError('too-large', `the upload is larger than the ${Math.round(uploadLimit / 1048576)} MB limit for one request; split it or send the files in several batches`);
        files.push({ name: part.filename || `file-${files.length + 1}`, bytes });
      } else if (part.fieldname === 'province') province = String(part.value).trim() || null;
    }
    if (!files.length) throw new HttpError(400, 'no files in the upload (use "file" fields)');
    if (user.role === 'reviewer' && province && !user.provinces.includes(province)) throw new HttpError(403, `you are not assigned to ${province}`);
    const batchId = await createBatch(db, province, user.id);
    const hashes = new Set<string>();
    for (const f of files) {
      for await (const input of collectBytes(f.bytes, f.name)) {
        if ('error' in input) {
          await addBatchFailure(db, batchId, input.name, input.error);
          continue;
        }
        if (input.bytes.length === 0) {
          await addBatchFailure(db, batchId, input.name, 'the file is empty (0 bytes)');
          continue;
        }
        const { sha256, isNew } = await receiveReport(db, input.bytes, input.name, user.id);
        await addToBatch(db, batchId, sha256, input.name);
        if (isNew) hashes.add(sha256);
      }
    }
    await processor.submit([...hashes], batchId);
    // Every report already stored (nothing new to process): the batch is complete now.
    if (hashes.size === 0) await completeBatchChecks(db, batchId);
    return reply.status(202).send({ id: batchId, files: files.length, url: `/api/batches/${batchId}` });
  });

  app.get('/api/batches', { schema: { summary: 'The batches you may see, newest first' } }, async (req) => {
    return { items: await listBatches(db, requireUser(req)) };
  });

  app.get('/api/batches/:id', { schema: { summary: 'Batch progress and the province table (agency × indicator)', params: idParams } }, async (req) => {
    const { id } = req.params as { id: string };
    const { province } = await checkBatch(db, req, id);
    const progress = await batchProgress(db, id);
    const rows = await batchRows(db, id, requireUser(req));
    const table = provinceRows(rows);
    // The official indicators of the batch's assessment year (its most common fiscal year), for column headings.
    const years = table.map((r) => r.fiscalYear).filter((y): y is number => y !== null);
    const count = new Map<number, number>();
    for (const y of years) count.set(y, (count.get(y) ?? 0) + 1);
    const year = [...count].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
    const indicators = frameworkFor(year).indicators.map((i) => ({ no: i.no, name: i.name }));
    return { id, province, progress, complete: progress.done >= progress.reports, indicators, table, failures: (await batchFailures(db, id)).map((f) => ({ ...f, reasonTh: thaiReason(f.reason) })) };
  });

  app.get('/api/batches/:id/export.:format', {
    schema: { summary: 'The batch as CSV, XLSX or JSON, corrections applied', params: { type: 'object', required: ['id', 'format'], properties: { id: idParams.properties.id, format: { type: 'string', enum: ['csv', 'xlsx', 'json'] } } } },
  }, async (req, reply) => {
    const { id, format } = req.params as { id: string; format: 'csv' | 'xlsx' | 'json' };
    const { province } = await checkBatch(db, req, id);
    const rows = await batchRows(db, id, requireUser(req));
    const name = `ita-${province ?? id}`;
    const disposition = (ext: string) => `attachment; filename*=UTF-8''${encodeURIComponent(`${name}.${ext}`)}`;
    if (format === 'json') return reply.header('content-disposition', disposition('json')).send(rows.filter((r) => r.result).map((r) => r.result));
    if (format === 'csv') return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', disposition('csv')).send(provinceCsv(rows));
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', disposition('xlsx'))
      .send(await provinceXlsx(rows, province ?? 'province'));
  });
}
