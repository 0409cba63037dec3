/**
 * End to end in Debian's Chromium (playwright-core, never a downloaded browser): a reviewer logs in, uploads the
 * seed PDF, sees CHANGE_MISMATCH for measure 1 with the PDF page and the number highlighted, corrects the change
 * to 21.55, and the XLSX export shows 21.55 marked corrected. Screenshots go to test-output/screenshots/.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedExtensions } from '../../src/extractors/formats.ts';
import { createServer } from '../../src/api/server.ts';
import { openDatabase, type Db } from '../../src/store/db.ts';
import { createUser } from '../../src/store/users-repo.ts';
import { inProcessProcessor, type Processor } from '../../src/workers/processor.ts';
import { ROOT } from '../helpers/cli.ts';

const SHOTS = join(ROOT, 'test-output/screenshots');
const PASSWORD = 'correct horse battery';

describe('web UI in Chromium', () => {
  let db: Db;
  let processor: Processor;
  let app: FastifyInstance;
  let browser: Browser;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    db = await openDatabase({ databaseUrl: null, dataDir: mkdtempSync(join(tmpdir(), 'ita-e2e-')) });
    processor = inProcessProcessor(db, 1);
    app = await createServer({ db, processor });
    await createUser(db, { username: 'somchai', password: PASSWORD, role: 'reviewer', provinces: ['บุรีรัมย์'] });
    await createUser(db, { username: 'laharnsai', password: PASSWORD, role: 'uploader', agency: 'องค์การบริหารส่วนตำบลละหานทราย' });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    // The common office laptop: every screen is checked and photographed at 1366×768.
    page = await browser.newPage({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await processor?.close();
    await db?.close();
  });

  it('log in as reviewer, upload the seed PDF, review and correct, export', async () => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(base);
    await page.fill('input[name=username]', 'somchai');
    await page.fill('input[name=password]', 'wrong password!');
    await page.click('button[type=submit]');
    await expect.poll(() => page.textContent('#login-error'), { timeout: 20_000 }).toContain('ไม่ถูกต้อง');
    await page.fill('input[name=password]', PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForSelector('#drop');
    // The file picker offers what the format registry lists (GET /api/formats), archives included.
    await expect.poll(() => page.getAttribute('#file-input', 'accept'), { timeout: 10_000 }).toBe(acceptedExtensions().join(','));

    // Upload: the file input behind the drop zone; one file opens its result when processed.
    await page.setInputFiles('#file-input', join(ROOT, 'fixtures/documents/laharnsai-2568.pdf'));
    await page.waitForSelector('.flag[data-code=CHANGE_MISMATCH]', { timeout: 60_000 });
    expect(await page.textContent('h1')).toContain('องค์การบริหารส่วนตำบลละหานทราย');
    expect(await page.textContent('table.scores')).toContain('99.56');
    await page.screenshot({ path: join(SHOTS, 'upload-result.png'), fullPage: false });

    // Dashboard of the batch the upload made.
    await page.goto(`${base}/#/dashboard`);
    await page.waitForSelector('#province-table');
    expect(await page.textContent('#province-table')).toContain('องค์การบริหารส่วนตำบลละหานทราย');
    await page.screenshot({ path: join(SHOTS, 'dashboard.png'), fullPage: false });

    // Review: the queue filtered from its controls (not the URL) to CHANGE_MISMATCH; measure 1, its PDF page
    // rendered, the number highlighted.
    await page.goto(`${base}/#/review`);
    await page.waitForSelector('#filter-code');
    await page.selectOption('#filter-code', 'CHANGE_MISMATCH');
    await page.waitForSelector('#flag-card[data-code=CHANGE_MISMATCH]');
    expect(page.url()).toContain('code=CHANGE_MISMATCH');
    expect(await page.textContent('#flag-card')).toContain('มาตรการ 1');
    expect(await page.textContent('#flag-card h2')).toContain('ผลต่างคะแนนคำนวณไม่ตรง'); // the Thai title beside the code
    const hl = await page.waitForSelector('#highlight', { timeout: 30_000 });
    expect(await hl.getAttribute('data-page')).toBe('2');
    const canvas = await page.$('#pdf-view canvas');
    const drawn = await canvas!.evaluate((c: HTMLCanvasElement) => {
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let dark = 0;
      for (let i = 0; i < d.length; i += 4 * 97) if (d[i] < 128) dark++;
      return dark;
    });
    expect(drawn).toBeGreaterThan(100); // the page was really rendered, not a blank canvas
    const box = await hl.boundingBox();
    expect(box!.width).toBeGreaterThan(10);
    // Fits the laptop: the page itself did not scroll away from the heading and "n / N", and the values table
    // (change and base columns included) is not wider than its card.
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    const pos = await page.$eval('#queue-position', (e) => e.getBoundingClientRect().bottom);
    expect(pos).toBeLessThan(768);
    const [tableW, cardW] = await page.$eval('#flag-card', (c) => [c.querySelector('table')!.scrollWidth, c.clientWidth]);
    expect(tableW).toBeLessThanOrEqual(cardW);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);
    await page.screenshot({ path: join(SHOTS, 'review.png'), fullPage: false });

    // Correct the change to 21.55 with the keyboard only: c selects the value, typing replaces it, Enter saves.
    await page.keyboard.press('c');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('correct-value');
    await page.keyboard.type('21.55');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.textContent('#review-status'), { timeout: 20_000 }).toContain('corrected');

    const sha = createHash('sha256').update(readFileSync(join(ROOT, 'fixtures/documents/laharnsai-2568.pdf'))).digest('hex');
    // A year flag boxes the year as written, not the score.
    await page.goto(`${base}/#/review?code=YEAR_LABEL_INCONSISTENT&report=${sha}`);
    await page.waitForSelector('#flag-card[data-code=YEAR_LABEL_INCONSISTENT]');
    const yearBox = await page.waitForSelector('#highlight', { timeout: 30_000 });
    expect(['year', 'baselineYear']).toContain(await yearBox.getAttribute('data-field'));
    const flagged = await page.evaluate(async (id) => {
      const r = await (await fetch(`/api/reports/${id}`)).json();
      const f = r.flags.find((x: { code: string }) => x.code === 'YEAR_LABEL_INCONSISTENT');
      const s = r.result.scores.find((x: { measureNo: number | null; origin: string }) => x.origin === 'measure' && x.measureNo === f.target.measureNo);
      return { field: f.target.field, year: s.provenance.fields[f.target.field]?.bbox, score: s.provenance.fields.score?.bbox };
    }, sha);
    expect(flagged.year).toBeTruthy();
    expect(flagged.year).not.toEqual(flagged.score);
    await page.screenshot({ path: join(SHOTS, 'review-year.png'), fullPage: false });

    // Confirm a problem in the document and send the report back with a note, from the review screen.
    await page.goto(`${base}/#/review?report=${sha}`);
    await page.waitForSelector('#flag-card');
    const confirmedCode = await page.getAttribute('#flag-card', 'data-code');
    await page.keyboard.press('c');
    await page.keyboard.press('Escape');
    await page.keyboard.press('y');
    await expect.poll(() => page.textContent('#review-status'), { timeout: 20_000 }).toContain('confirmed');
    await page.waitForSelector('#flag-card'); // the report's next flag: the seed has several
    await page.keyboard.press('s');
    await page.keyboard.type('กรุณาแก้ปีของคะแนนในมาตรการที่ 2 ให้ตรงกับตาราง');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.textContent('#review-status'), { timeout: 20_000 }).toContain('ส่งกลับหน่วยงาน');

    // The history of every decision on the report, shown with the confirmed flag.
    await page.goto(`${base}/#/review?state=confirmed&report=${sha}`);
    await page.waitForSelector(`#flag-card[data-code=${confirmedCode}]`);
    const history = await page.textContent('#history');
    expect(history).toContain('แก้ค่าที่อ่าน');
    expect(history).toContain('19.6 → 21.55');
    expect(history).toContain('ยืนยันว่าเอกสารผิด');
    expect(history).toContain('ส่งกลับหน่วยงาน');
    expect(history).toContain('กรุณาแก้ปีของคะแนนในมาตรการที่ 2');
    expect(history).toMatch(/25\d\d/); // dates in พ.ศ.
    await page.$eval('#history', (e) => e.scrollIntoView({ block: 'end' }));
    await page.screenshot({ path: join(SHOTS, 'review-history.png'), fullPage: false });

    // The uploader of the agency sees its report returned, with the note.
    const up = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const upPage = await up.newPage();
    await upPage.goto(base);
    await upPage.fill('input[name=username]', 'laharnsai');
    await upPage.fill('input[name=password]', PASSWORD);
    await upPage.click('button[type=submit]');
    await upPage.waitForSelector('#drop');
    await upPage.goto(`${base}/#/report/${sha}`);
    await upPage.waitForSelector('#returned-note');
    expect(await upPage.textContent('#returned-note')).toContain('กรุณาแก้ปีของคะแนนในมาตรการที่ 2 ให้ตรงกับตาราง');
    expect(await upPage.textContent('[data-state]')).toContain('ส่งกลับ');
    await upPage.screenshot({ path: join(SHOTS, 'returned-to-agency.png'), fullPage: false });
    await up.close();

    // The XLSX export of the batch shows 21.55, marked corrected.
    await page.goto(`${base}/#/dashboard`);
    await page.waitForSelector('a.export[data-format=xlsx]');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('a.export[data-format=xlsx]')]);
    const path = join(SHOTS, '..', 'export.xlsx');
    await download.saveAs(path);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const rows = wb.getWorksheet('scores')!.getSheetValues().filter(Boolean) as unknown[][];
    const m1 = rows.find((r) => r[3] === 'มาตรการ' && r[4] === 1)!;
    expect(m1[11]).toBe(21.55);
    expect(String(m1[12])).toBe('reportedChange 19.6 → 21.55 (somchai)');
    expect(errors).toEqual([]);
  }, 120_000);

  it('for a text report the review shows the original snippet with the flagged number marked', async () => {
    const seedText = readFileSync(join(ROOT, 'fixtures/seed/laharnsai-2568.mixed.txt'));
    const sha = createHash('sha256').update(seedText).digest('hex');
    await page.goto(`${base}/#/upload`);
    await page.setInputFiles('#file-input', join(ROOT, 'fixtures/seed/laharnsai-2568.mixed.txt'));
    await page.waitForSelector('.flag[data-code=CHANGE_MISMATCH]', { timeout: 60_000 });
    await page.goto(`${base}/#/review?code=CHANGE_MISMATCH&report=${sha}`);
    await page.waitForSelector('#flag-card[data-code=CHANGE_MISMATCH]');
    const marked = await page.waitForSelector('.snippet mark');
    expect(await marked.textContent()).toBe('๑๙.๖'); // the stated change, in the document's own Thai digits
    expect(await page.textContent('.snippet')).toContain('โดยเพิ่มขึ้น ๑๙.๖ คะแนน');
    await page.screenshot({ path: join(SHOTS, 'review-text.png') });
  }, 120_000);

  it('for a scanned report the review shows the scanned page with the OCR\'d number boxed', async () => {
    const file = join(ROOT, 'fixtures/scans/acc-b-007-scan-onepage.pdf');
    const sha = createHash('sha256').update(readFileSync(file)).digest('hex');
    await page.goto(`${base}/#/upload`);
    await page.setInputFiles('#file-input', file);
    await page.waitForSelector('.flag[data-code=EXTRACTION_LOW_CONFIDENCE]', { timeout: 90_000 });
    await page.goto(`${base}/#/review?code=EXTRACTION_LOW_CONFIDENCE&report=${sha}`);
    await page.waitForSelector('#flag-card[data-code=EXTRACTION_LOW_CONFIDENCE]');
    // j through the queue to a flag on a number (the first may be the one on the scanned text as a whole).
    const onNumber = async () => /\((?:score|baselineScore|reportedChange|year|baselineYear)\)/.test((await page.textContent('#flag-card')) ?? '') && !!(await page.$('#highlight'));
    for (let k = 0; k < 5 && !(await onNumber()); k++) {
      await page.keyboard.press('j');
      await page.waitForTimeout(400);
    }
    const hl = await page.waitForSelector('#highlight', { timeout: 30_000 });
    expect(await page.textContent('#ocr-note')).toContain('OCR');
    expect(await page.textContent('#flag-card')).toMatch(/อ่านจากภาพสแกนด้วย OCR/);
    // The box sits on dark pixels of the scan (the number), inside the page image.
    const canvas = (await page.$('#pdf-view canvas'))!;
    const [b, c] = [(await hl.boundingBox())!, (await canvas.boundingBox())!];
    expect(b.x).toBeGreaterThanOrEqual(c.x);
    expect(b.y).toBeGreaterThanOrEqual(c.y);
    const ink = await canvas.evaluate((el: HTMLCanvasElement, r: { x: number; y: number; w: number; h: number }) => {
      const d = el.getContext('2d')!.getImageData(r.x, r.y, r.w, r.h).data;
      let dark = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i] < 128) dark++;
      return dark / (d.length / 4);
    }, { x: Math.round(b.x - c.x), y: Math.round(b.y - c.y), w: Math.round(b.width), h: Math.round(b.height) });
    expect(ink).toBeGreaterThan(0.05);
    await page.screenshot({ path: join(SHOTS, 'review-scan.png') });
  }, 180_000);

  it('document text with <script> and event handlers is shown as text and never runs', async () => {
    const ctx = await browser.newContext();
    const p = await ctx.newPage();
    let alerted = false;
    p.on('dialog', async (d) => {
      alerted = true;
      await d.dismiss();
    });
    await p.goto(base);
    await p.fill('input[name=username]', 'somchai');
    await p.fill('input[name=password]', PASSWORD);
    await p.click('button[type=submit]');
    await p.waitForSelector('#drop');
    const evil = join(mkdtempSync(join(tmpdir(), 'ita-xss-')), 'evil.html');
    writeFileSync(evil, `<html><body><p>รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในองค์การบริหารส่วนตำบลละหานทราย ปีงบประมาณ 2568</p>
<table><tr><th>มาตรการ</th><th>สรุปผลการดำเนินการ</th><th>ผลลัพธ์</th></tr>
<tr><td>1. &lt;script&gt;window.pwned=1;alert(1)&lt;/script&gt;</td><td>&lt;img src=x onerror="window.pwned=2;alert(2)"&gt;</td><td>ในส่วนของการใช้งบประมาณ ได้ 95.00 คะแนน</td></tr></table></body></html>`);
    await p.setInputFiles('#file-input', evil);
    await p.waitForSelector('table', { timeout: 60_000 });
    await p.waitForFunction(() => document.body.textContent!.includes('<script>window.pwned=1'), null, { timeout: 60_000 });
    expect(await p.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(await p.$$('main script, main img')).toHaveLength(0);
    expect(alerted).toBe(false);
    await ctx.close();
  }, 120_000);
});
