/** Every endpoint, on embedded PGlite with in-process extraction, including bad input and access control. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storedZip } from '../../fixtures/make/zip.ts';
import { createServer } from '../../src/api/server.ts';
import { openDatabase, type Db } from '../../src/store/db.ts';
import { sha256Of } from '../../src/store/reports-repo.ts';
import { createApiToken, createUser } from '../../src/store/users-repo.ts';
import { inProcessProcessor, type Processor } from '../../src/workers/processor.ts';
import { ROOT } from '../helpers/cli.ts';
import { contractErrors } from '../helpers/schema.ts';

const seed = readFileSync(join(ROOT, 'fixtures/seed/laharnsai-2568.mixed.txt'));
const seedPdf = readFileSync(join(ROOT, 'fixtures/documents/laharnsai-2568.pdf'));
const PASSWORD = 'correct horse battery';

function multipart(files: Array<{ name: string; bytes: Uint8Array; field?: string }>, fields: Record<string, string> = {}) {
  const boundary = '----ita' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.field ?? 'file'}"; filename="${f.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`));
    parts.push(Buffer.from(f.bytes), Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

interface Session { cookie: string; csrf: string }

describe('HTTP API', () => {
  let db: Db;
  let app: FastifyInstance;
  let processor: Processor;
  let reviewer: Session;
  let otherReviewer: Session;
  let uploader: Session;
  let adminToken: string;

  const login = async (username: string): Promise<Session> => {
    const r = await app.inject({ method: 'POST', url: '/api/login', payload: { username, password: PASSWORD } });
    expect(r.statusCode).toBe(200);
    const cookie = String(r.headers['set-cookie']).split(';')[0];
    return { cookie, csrf: r.json().csrfToken };
  };
  const as = (s: Session, extra: Record<string, string> = {}) => ({ cookie: s.cookie, 'x-csrf-token': s.csrf, ...extra });
  const upload = (s: Session, name: string, bytes: Uint8Array) => {
    const m = multipart([{ name, bytes }]);
    return app.inject({ method: 'POST', url: '/api/reports', payload: m.payload, headers: as(s, m.headers) });
  };
  const waitFor = async (s: Session, id: string) => {
    for (let i = 0; i < 200; i++) {
      const r = await app.inject({ method: 'GET', url: `/api/reports/${id}`, headers: as(s) });
      if (['clean', 'needs_review', 'failed'].includes(r.json().state)) return r.json();
      await new Promise((res) => setTimeout(res, 50));
    }
    throw new Error('not processed in time');
  };

  beforeAll(async () => {
    db = await openDatabase({ databaseUrl: null });
    processor = inProcessProcessor(db, 1);
    app = await createServer({ db, processor, uploadLimit: 1024 * 1024 });
    await createUser(db, { username: 'somchai', password: PASSWORD, role: 'reviewer', provinces: ['บุรีรัมย์'] });
    await createUser(db, { username: 'malee', password: PASSWORD, role: 'reviewer', provinces: ['เชียงใหม่'] });
    await createUser(db, { username: 'up', password: PASSWORD, role: 'uploader', agency: 'เทศบาลตำบลท่าไม้' });
    const admin = await createUser(db, { username: 'admin', password: PASSWORD, role: 'admin' });
    adminToken = await createApiToken(db, admin.id, 'tests');
    reviewer = await login('somchai');
    otherReviewer = await login('malee');
    uploader = await login('up');
  });
  afterAll(async () => {
    await app.close();
    await processor.close();
    await db.close();
  });

  describe('login and sessions', () => {
    it('refuses a wrong password with 401 and no cookie', async () => {
      const r = await app.inject({ method: 'POST', url: '/api/login', payload: { username: 'somchai', password: 'nope nope nope' } });
      expect(r.statusCode).toBe(401);
      expect(r.json()).toEqual({ error: 401, message: 'wrong username or password' });
      expect(r.headers['set-cookie']).toBeUndefined();
    });
    it('sets an HttpOnly, SameSite=Strict session cookie', async () => {
      const r = await app.inject({ method: 'POST', url: '/api/login', payload: { username: 'somchai', password: PASSWORD } });
      expect(String(r.headers['set-cookie'])).toMatch(/ita_session=[^;]+;.*HttpOnly.*SameSite=Strict/i);
      expect(r.json().user).toMatchObject({ username: 'somchai', role: 'reviewer', provinces: ['บุรีรัมย์'] });
    });
    it('slows down guessing: after 5 failed logins for a name, 429 even with the right password', async () => {
      await createUser(db, { username: 'guessme', password: PASSWORD, role: 'uploader' });
      for (let i = 0; i < 5; i++) {
        expect((await app.inject({ method: 'POST', url: '/api/login', payload: { username: 'guessme', password: `guess ${i} guess` } })).statusCode).toBe(401);
      }
      const r = await app.inject({ method: 'POST', url: '/api/login', payload: { username: 'guessme', password: PASSWORD } });
      expect(r.statusCode).toBe(429);
      expect(r.json().message).toMatch(/^too many failed logins for guessme; try again in 1[45] minute\(s\)$/);
      expect((await app.inject({ method: 'POST', url: '/api/login', payload: { username: 'somchai', password: PASSWORD } })).statusCode).toBe(200);
    });
    it('the lockout is per account name: guesses from many addresses are slowed all the same', async () => {
      await createUser(db, { username: 'spread', password: PASSWORD, role: 'uploader' });
      for (let i = 0; i < 5; i++) {
        const r = await app.inject({ method: 'POST', url: '/api/login', remoteAddress: `127.0.0.${10 + i}`, payload: { username: 'spread', password: `guess ${i} guess` } });
        expect(r.statusCode).toBe(401);
      }
      const r = await app.inject({ method: 'POST', url: '/api/login', remoteAddress: '127.0.0.99', payload: { username: 'Spread', password: `guess 9 guess` } });
      expect(r.statusCode).toBe(429);
    });
    it('rejects a login body without a password (400)', async () => {
      const r = await app.inject({ method: 'POST', url: '/api/login', payload: { username: 'x' } });
      expect(r.statusCode).toBe(400);
      expect(r.json().message).toMatch(/password/);
    });
    it('GET /api/me needs a login (401)', async () => {
      expect((await app.inject({ method: 'GET', url: '/api/me' })).statusCode).toBe(401);
      expect((await app.inject({ method: 'GET', url: '/api/me', headers: as(reviewer) })).json().user.username).toBe('somchai');
    });
    it('refuses a state-changing request with the cookie but without the CSRF token (403)', async () => {
      const m = multipart([{ name: 'a.txt', bytes: seed }]);
      const r = await app.inject({ method: 'POST', url: '/api/reports', payload: m.payload, headers: { cookie: reviewer.cookie, ...m.headers } });
      expect(r.statusCode).toBe(403);
      expect(r.json().message).toMatch(/CSRF/);
    });
  });

  describe('POST /api/reports', () => {
    it('401 without a login', async () => {
      const m = multipart([{ name: 'a.txt', bytes: seed }]);
      expect((await app.inject({ method: 'POST', url: '/api/reports', payload: m.payload, headers: m.headers })).statusCode).toBe(401);
    });
    it('400 with no file', async () => {
      const m = multipart([], { note: 'x' });
      const r = await app.inject({ method: 'POST', url: '/api/reports', payload: m.payload, headers: as(reviewer, m.headers) });
      expect(r.statusCode).toBe(400);
      expect(r.json().message).toBe('no file in the upload (the form needs a "file" field)');
    });
    it('400 when the body is not multipart', async () => {
      const r = await app.inject({ method: 'POST', url: '/api/reports', payload: { file: 'x' }, headers: as(reviewer) });
      expect(r.statusCode).toBe(400);
      expect(r.json().message).toBe('send the file as multipart/form-data with a "file" field');
    });
    it('400 for a 0-byte file, naming it', async () => {
      const r = await upload(reviewer, 'empty.pdf', new Uint8Array());
      expect(r.statusCode).toBe(400);
      expect(r.json().message).toBe('empty.pdf: the file is empty (0 bytes)');
    });
    it('413 over the upload limit, with a message a person can act on', async () => {
      const r = await upload(reviewer, 'huge.pdf', new Uint8Array(2 * 1024 * 1024));
      expect(r.statusCode).toBe(413);
      expect(r.json().message).toBe('the upload is larger than the 1 MB limit; split it or send the files one by one');
    });
    it('202 with the sha256 as id; the same bytes give the same id', async () => {
      const a = await upload(reviewer, 'seed.txt', seed);
      expect(a.statusCode).toBe(202);
      expect(a.json()).toMatchObject({ id: sha256Of(seed), duplicate: false });
      const b = await upload(reviewer, 'seed-again.txt', seed);
      expect(b.statusCode).toBe(202);
      expect(b.json()).toMatchObject({ id: sha256Of(seed), duplicate: true });
    });
    it('a file with the wrong content (a PNG) ends failed with the reason', async () => {
      const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
      const r = await upload(reviewer, 'scan.pdf', png);
      expect(r.statusCode).toBe(202);
      const done = await waitFor(reviewer, r.json().id);
      expect(done.state).toBe('failed');
      expect(done.failureReason).toBe('a PNG image, not a document with text; upload the report as PDF, DOCX or text');
      expect(done.failureReasonTh).toBe('เป็นไฟล์รูปภาพ PNG ไม่ใช่เอกสารที่มีข้อความ กรุณาส่งรายงานเป็น PDF, DOCX หรือข้อความ');
    });
  });

  describe('GET /api/reports/:id and /original', () => {
    it('returns state, the contract result and flags with their review state', async () => {
      const r = await waitFor(reviewer, sha256Of(seed));
      expect(r.state).toBe('needs_review');
      expect(contractErrors(r.result)).toEqual([]);
      expect(r.flags.find((f: { code: string }) => f.code === 'CHANGE_MISMATCH')).toMatchObject({ review: { state: 'open', by: null }, target: { measureNo: 1 } });
    });
    it('400 for a malformed id, 404 for an unknown one', async () => {
      expect((await app.inject({ method: 'GET', url: '/api/reports/xyz', headers: as(reviewer) })).statusCode).toBe(400);
      const r = await app.inject({ method: 'GET', url: `/api/reports/${'0'.repeat(64)}`, headers: as(reviewer) });
      expect(r.statusCode).toBe(404);
      expect(r.json().message).toBe(`no report ${'0'.repeat(64)}`);
    });
    it('403 for a reviewer of another province, and no leak of the result', async () => {
      const r = await app.inject({ method: 'GET', url: `/api/reports/${sha256Of(seed)}`, headers: as(otherReviewer) });
      expect(r.statusCode).toBe(403);
      expect(r.json()).toEqual({ error: 403, message: 'this report belongs to another province or agency' });
      expect((await app.inject({ method: 'GET', url: `/api/reports/${sha256Of(seed)}/original`, headers: as(otherReviewer) })).statusCode).toBe(403);
    });
    it('403 for an uploader of another agency', async () => {
      expect((await app.inject({ method: 'GET', url: `/api/reports/${sha256Of(seed)}`, headers: as(uploader) })).statusCode).toBe(403);
    });
    it('serves the original bytes unchanged', async () => {
      const r = await app.inject({ method: 'GET', url: `/api/reports/${sha256Of(seed)}/original`, headers: as(reviewer) });
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect(r.rawPayload.equals(seed)).toBe(true);
    });
    it('an API token works for scripts, without CSRF', async () => {
      const r = await app.inject({ method: 'GET', url: `/api/reports/${sha256Of(seed)}`, headers: { authorization: `Bearer ${adminToken}` } });
      expect(r.statusCode).toBe(200);
      expect((await app.inject({ method: 'GET', url: '/api/me', headers: { authorization: 'Bearer ita_wrong' } })).statusCode).toBe(401);
    });
  });

  describe('review queue', () => {
    it('lists open flags errors first, filtered and paged', async () => {
      const r = await app.inject({ method: 'GET', url: `/api/flags?severity=error&province=${encodeURIComponent('บุรีรัมย์')}&pageSize=1`, headers: as(reviewer) });
      expect(r.statusCode).toBe(200);
      const body = r.json();
      expect(body.total).toBe(2);
      expect(body.items).toHaveLength(1);
      expect(body.items[0]).toMatchObject({ severity: 'error', state: 'open', report: { province: 'บุรีรัมย์', agency: 'องค์การบริหารส่วนตำบลละหานทราย' } });
    });
    it('403 for another province; 400 for a bad filter', async () => {
      const r = await app.inject({ method: 'GET', url: `/api/flags?province=${encodeURIComponent('บุรีรัมย์')}`, headers: as(otherReviewer) });
      expect(r.statusCode).toBe(403);
      expect(r.json().message).toBe('you are not assigned to บุรีรัมย์');
      expect((await app.inject({ method: 'GET', url: '/api/flags', headers: as(otherReviewer) })).json().total).toBe(0);
      expect((await app.inject({ method: 'GET', url: '/api/flags?severity=fatal', headers: as(reviewer) })).statusCode).toBe(400);
      expect((await app.inject({ method: 'GET', url: '/api/flags?pageSize=1000', headers: as(reviewer) })).statusCode).toBe(400);
    });
    it('a correction of the wrong kind is a 400 that says what was expected, never a 500', async () => {
      const q = (await app.inject({ method: 'GET', url: '/api/flags?code=YEAR_LABEL_INCONSISTENT', headers: as(reviewer) })).json();
      const flag = q.items.find((i: { sha256: string; target: { field: string } }) => i.sha256 === sha256Of(seed) && i.target.field === 'year');
      const r = await app.inject({ method: 'POST', url: `/api/flags/${flag.id}/resolve`, payload: { action: 'correct', value: 21.55 }, headers: as(reviewer) });
      expect(r.statusCode).toBe(400);
      expect(r.json().message).toBe('ปีต้องเป็นปี พ.ศ. เช่น 2567: a correction of year needs a Buddhist Era year from 2540 to 2600 (got 21.55)');
      const still = (await app.inject({ method: 'GET', url: `/api/flags?code=YEAR_LABEL_INCONSISTENT`, headers: as(reviewer) })).json();
      expect(still.items.find((i: { id: number }) => i.id === flag.id).state).toBe('open');
    });
    it('JSON answers are marked nosniff and no-store', async () => {
      const r = await app.inject({ method: 'GET', url: '/api/flags', headers: as(reviewer) });
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['cache-control']).toBe('no-store');
    });
    it('a correction is recorded (who, when, old, new) and flows into the report', async () => {
      const q = (await app.inject({ method: 'GET', url: '/api/flags?code=CHANGE_MISMATCH', headers: as(reviewer) })).json();
      const flag = q.items.find((i: { sha256: string }) => i.sha256 === sha256Of(seed));
      const bad = await app.inject({ method: 'POST', url: `/api/flags/${flag.id}/resolve`, payload: { action: 'correct' }, headers: as(reviewer) });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().message).toBe('ค่าที่แก้ต้องเป็นตัวเลข: a correction of reportedChange needs a number in "value"');
      const r = await app.inject({ method: 'POST', url: `/api/flags/${flag.id}/resolve`, payload: { action: 'correct', value: 21.55, note: 'คำนวณใหม่' }, headers: as(reviewer) });
      expect(r.statusCode).toBe(200);
      expect(r.json()).toMatchObject({ flagId: flag.id, state: 'corrected', reportState: 'needs_review' });
      const rep = (await app.inject({ method: 'GET', url: `/api/reports/${sha256Of(seed)}`, headers: as(reviewer) })).json();
      const score = rep.result.scores.find((s: { measureNo: number }) => s.measureNo === 1);
      expect(score.reportedChange).toBe(21.55);
      expect(score.provenance.corrected[0]).toMatchObject({ field: 'reportedChange', from: 19.6, to: 21.55, by: 'somchai', note: 'คำนวณใหม่' });
      expect(rep.corrections[0]).toMatchObject({ who: 'somchai', field: 'reportedChange', old_value: 19.6, new_value: 21.55 });
      expect(rep.flags.find((f: { code: string }) => f.code === 'CHANGE_MISMATCH').review).toEqual({ state: 'corrected', by: 'somchai' });
    });
    it('accept and dismiss; uploaders may not resolve; unknown flag 404; bad action 400', async () => {
      const q = (await app.inject({ method: 'GET', url: '/api/flags?severity=warning', headers: as(reviewer) })).json();
      const id = q.items[0].id;
      expect((await app.inject({ method: 'POST', url: `/api/flags/${id}/resolve`, payload: { action: 'accept' }, headers: as(uploader) })).statusCode).toBe(403);
      expect((await app.inject({ method: 'POST', url: `/api/flags/${id}/resolve`, payload: { action: 'approve' }, headers: as(reviewer) })).statusCode).toBe(400);
      expect((await app.inject({ method: 'POST', url: '/api/flags/999999/resolve', payload: { action: 'accept' }, headers: as(reviewer) })).statusCode).toBe(404);
      expect((await app.inject({ method: 'POST', url: `/api/flags/${id}/resolve`, payload: { action: 'dismiss', note: 'ถูกต้องแล้ว' }, headers: as(reviewer) })).json().state).toBe('dismissed');
      expect((await app.inject({ method: 'POST', url: `/api/flags/${id}/resolve`, payload: { action: 'accept' }, headers: as(otherReviewer) })).statusCode).toBe(403);
    });
    it('a confirmed error keeps the report out of "clean" until it is sent back; dismissing it makes it clean', async () => {
      const id = sha256Of(seed);
      const all = (await app.inject({ method: 'GET', url: `/api/flags?report=${id}&pageSize=100`, headers: as(reviewer) })).json().items
        .concat((await app.inject({ method: 'GET', url: `/api/flags?report=${id}&state=corrected&pageSize=100`, headers: as(reviewer) })).json().items);
      const error = all.find((f: { severity: string }) => f.severity === 'error');
      expect(error.title).toBeTruthy(); // the Thai title travels with the flag
      const resolve = (fid: number, action: string, note?: string) =>
        app.inject({ method: 'POST', url: `/api/flags/${fid}/resolve`, payload: { action, note }, headers: as(reviewer) }).then((r) => r.json());
      for (const f of all) if (f.id !== error.id && f.severity !== 'info' && f.state === 'open') await resolve(f.id, 'dismiss');
      expect(await resolve(error.id, 'confirm', 'เอกสารระบุผลต่างผิด')).toMatchObject({ state: 'confirmed', reportState: 'needs_review' });
      expect(await resolve(error.id, 'dismiss')).toMatchObject({ state: 'dismissed', reportState: 'clean' });
      expect(await resolve(error.id, 'accept')).toMatchObject({ state: 'confirmed', reportState: 'needs_review' }); // the former name
      const history = (await app.inject({ method: 'GET', url: `/api/reports/${id}/history`, headers: as(reviewer) })).json().items;
      expect(history.slice(-3).map((h: { action: string }) => h.action)).toEqual(['confirm', 'dismiss', 'confirm']);
      expect(history.at(-3)).toMatchObject({ who: 'somchai', code: error.code, note: 'เอกสารระบุผลต่างผิด' });
      expect(history.some((h: { action: string; old: unknown; new: unknown }) => h.action === 'correct' && h.new === 21.55)).toBe(true);
      expect((await app.inject({ method: 'GET', url: `/api/reports/${id}/history`, headers: as(otherReviewer) })).statusCode).toBe(403);
    });
    it('sends a report back to its agency with a note; 400 without one', async () => {
      const id = sha256Of(seed);
      expect((await app.inject({ method: 'POST', url: `/api/reports/${id}/return`, payload: {}, headers: as(reviewer) })).statusCode).toBe(400);
      const r = await app.inject({ method: 'POST', url: `/api/reports/${id}/return`, payload: { note: 'แก้ไขคะแนนมาตรการที่ 1' }, headers: as(reviewer) });
      expect(r.json()).toEqual({ id, state: 'returned' });
      const rep = (await app.inject({ method: 'GET', url: `/api/reports/${id}`, headers: as(reviewer) })).json();
      expect(rep).toMatchObject({ state: 'returned', returnedNote: 'แก้ไขคะแนนมาตรการที่ 1 (somchai)' });
    });
  });

  describe('batches and exports', () => {
    let batchId: string;
    it('accepts several files and a ZIP with a province (202), and reports progress and the province table', async () => {
      const zip = storedZip({ 'thamai.docx': readFileSync(join(ROOT, 'fixtures/documents/thamai-2568.docx')), 'chun.txt': readFileSync(join(ROOT, 'fixtures/variants/tis620-thai-digits.txt')) });
      const m = multipart([{ name: 'seed.pdf', bytes: seedPdf }, { name: 'submissions.zip', bytes: zip }], { province: 'บุรีรัมย์' });
      const r = await app.inject({ method: 'POST', url: '/api/batches', payload: m.payload, headers: as(reviewer, m.headers) });
      expect(r.statusCode).toBe(202);
      batchId = r.json().id;
      let body;
      for (let i = 0; i < 200; i++) {
        body = (await app.inject({ method: 'GET', url: `/api/batches/${batchId}`, headers: as(reviewer) })).json();
        if (body.complete) break;
        await new Promise((res) => setTimeout(res, 50));
      }
      expect(body.progress).toMatchObject({ files: 3, reports: 3, done: 3 });
      expect(body.table.map((t: { agency: string }) => t.agency).sort()).toEqual(['องค์การบริหารส่วนตำบลละหานทราย', 'เทศบาลตำบลจุน', 'เทศบาลตำบลท่าไม้']);
    });
    it('403 for another province, 404 unknown, 400 malformed, 400 without files', async () => {
      expect((await app.inject({ method: 'GET', url: `/api/batches/${batchId}`, headers: as(otherReviewer) })).statusCode).toBe(403);
      expect((await app.inject({ method: 'GET', url: '/api/batches/00000000-0000-0000-0000-000000000000', headers: as(reviewer) })).statusCode).toBe(404);
      expect((await app.inject({ method: 'GET', url: '/api/batches/nope', headers: as(reviewer) })).statusCode).toBe(400);
      const m = multipart([], { province: 'บุรีรัมย์' });
      const r = await app.inject({ method: 'POST', url: '/api/batches', payload: m.payload, headers: as(reviewer, m.headers) });
      expect(r.statusCode).toBe(400);
      const other = multipart([{ name: 'a.txt', bytes: seed }], { province: 'เชียงใหม่' });
      expect((await app.inject({ method: 'POST', url: '/api/batches', payload: other.payload, headers: as(reviewer, other.headers) })).statusCode).toBe(403);
    });
    it('the limit holds per request: three files each under it, together over it, are refused (413)', async () => {
      const part = (i: number) => ({ name: `part-${i}.txt`, bytes: new Uint8Array(400 * 1024).fill(0x41 + i) });
      const m = multipart([part(0), part(1), part(2)], { province: 'บุรีรัมย์' });
      const r = await app.inject({ method: 'POST', url: '/api/batches', payload: m.payload, headers: as(reviewer, m.headers) });
      expect(r.statusCode).toBe(413);
      expect(r.json().message).toMatch(/larger than the 1 MB limit for one request/);
    });
    it('a batch shows only the reports its viewer may see, and sending known bytes takes no ownership', async () => {
      // The uploader of ท่าไม้ sends its own report and, by mistake, the ละหานทราย report a reviewer stored before.
      const m = multipart([{ name: 'ours.docx', bytes: readFileSync(join(ROOT, 'fixtures/documents/thamai-2568.docx')) }, { name: 'theirs.txt', bytes: seed }]);
      const r = await app.inject({ method: 'POST', url: '/api/batches', payload: m.payload, headers: as(uploader, m.headers) });
      expect(r.statusCode).toBe(202);
      const id = r.json().id;
      let body;
      for (let i = 0; i < 200; i++) {
        body = (await app.inject({ method: 'GET', url: `/api/batches/${id}`, headers: as(uploader) })).json();
        if (body.complete) break;
        await new Promise((res) => setTimeout(res, 50));
      }
      expect(body.table.map((t: { agency: string }) => t.agency)).toEqual(['เทศบาลตำบลท่าไม้']);
      const json = await app.inject({ method: 'GET', url: `/api/batches/${id}/export.json`, headers: as(uploader) });
      expect(json.json().map((x: { report: { agency: { name: string } } }) => x.report.agency.name)).toEqual(['เทศบาลตำบลท่าไม้']);
      expect((await app.inject({ method: 'GET', url: `/api/reports/${sha256Of(seed)}`, headers: as(uploader) })).statusCode).toBe(403);
      expect((await upload(uploader, 'again.txt', seed)).statusCode).toBe(403);
      expect((await app.inject({ method: 'GET', url: `/api/reports/${sha256Of(seed)}/original`, headers: as(uploader) })).statusCode).toBe(403);
    });
    it('exports CSV (BOM), JSON and XLSX', async () => {
      const csv = await app.inject({ method: 'GET', url: `/api/batches/${batchId}/export.csv`, headers: as(reviewer) });
      expect(csv.statusCode).toBe(200);
      expect(csv.body.charCodeAt(0)).toBe(0xfeff);
      expect(csv.body).toContain('เทศบาลตำบลท่าไม้');
      const json = await app.inject({ method: 'GET', url: `/api/batches/${batchId}/export.json`, headers: as(reviewer) });
      expect(json.json()).toHaveLength(3);
      for (const r of json.json()) expect(contractErrors(r)).toEqual([]);
      const xlsx = await app.inject({ method: 'GET', url: `/api/batches/${batchId}/export.xlsx`, headers: as(reviewer) });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      expect(wb.worksheets.map((w) => w.name)).toEqual(['บุรีรัมย์', 'scores', 'flags']);
      expect((await app.inject({ method: 'GET', url: `/api/batches/${batchId}/export.pdf`, headers: as(reviewer) })).statusCode).toBe(400);
    });
  });

  it('lists the batches a user may see', async () => {
    const mine = (await app.inject({ method: 'GET', url: '/api/batches', headers: as(reviewer) })).json().items;
    expect(mine.length).toBeGreaterThanOrEqual(1);
    expect(mine[0]).toMatchObject({ province: 'บุรีรัมย์' });
    expect((await app.inject({ method: 'GET', url: '/api/batches', headers: as(otherReviewer) })).json().items).toEqual([]);
    expect((await app.inject({ method: 'GET', url: '/api/batches' })).statusCode).toBe(401);
  });

  it('logs out: the session cookie no longer works', async () => {
    const s = await login('malee');
    expect((await app.inject({ method: 'POST', url: '/api/logout', headers: as(s) })).json()).toEqual({ ok: true });
    expect((await app.inject({ method: 'GET', url: '/api/me', headers: as(s) })).statusCode).toBe(401);
  });

  it('serves the OpenAPI document and a health check', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/reports', '/api/reports/{id}', '/api/reports/{id}/original', '/api/batches', '/api/flags', '/api/flags/{id}/resolve']));
    expect((await app.inject({ method: 'GET', url: '/api/health' })).json()).toEqual({ ok: true });
    expect((await app.inject({ method: 'GET', url: '/api/nothing' })).json()).toEqual({ error: 404, message: 'no route GET /api/nothing' });
  });
});
