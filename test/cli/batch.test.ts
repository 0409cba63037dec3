/** `ita-ingest batch` in embedded mode (PGlite, in-process threads), on real fixture files, folders and a ZIP. */
import { mkdtempSync, readFileSync, writeFileSync, copyFileSync, mkdirSync, existsSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { storedZip } from '../../fixtures/make/zip.ts';
import { ROOT } from '../helpers/cli.ts';
import { contractErrors } from '../helpers/schema.ts';

const BIN = join(ROOT, 'bin/ita-ingest.mjs');
const fixture = (p: string) => join(ROOT, 'fixtures', p);

function runBatch(args: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, [BIN, 'batch', ...args], { encoding: 'utf8', env: { ...process.env, REDIS_URL: '', DATABASE_URL: '', ...env } });
}

describe('ita-ingest batch (embedded)', () => {
  const work = mkdtempSync(join(tmpdir(), 'ita-batch-'));
  const inbox = join(work, 'inbox');
  const out = join(work, 'out');
  let run: ReturnType<typeof runBatch>;
  beforeAll(() => {
    mkdirSync(join(inbox, 'amphoe'), { recursive: true });
    copyFileSync(fixture('seed/laharnsai-2568.mixed.txt'), join(inbox, 'laharnsai.txt'));
    copyFileSync(fixture('seed/laharnsai-2568.mixed.txt'), join(inbox, 'amphoe/laharnsai-again.txt')); // same bytes
    copyFileSync(fixture('documents/laharnsai-2568.pdf'), join(inbox, 'amphoe/laharnsai.pdf')); // same report, other file
    copyFileSync(fixture('documents/truncated.pdf'), join(inbox, 'broken.pdf'));
    writeFileSync(join(inbox, 'submissions.zip'), storedZip({
      'thamai.docx': readFileSync(fixture('documents/thamai-2568.docx')),
      'sub/chun.pdf': readFileSync(fixture('documents/chun-2568-landscape.pdf')),
      '../../escape.txt': 'ไม่ควรถูกอ่าน',
    }));
    run = runBatch([inbox, '--province', 'บุรีรัมย์', '--out', out, '--concurrency', '2'], { ITA_DATA_DIR: join(work, 'data') });
  });

  it('exits 1 because some files failed, and names them', () => {
    expect(run.status, run.stderr).toBe(1);
    expect(run.stderr).toMatch(/failed: inbox\/broken\.pdf: a damaged or truncated PDF/);
    expect(run.stderr).toMatch(/failed: inbox\/submissions\.zip\/\.\.\/\.\.\/escape\.txt: unsafe path/);
    expect(run.stderr).toMatch(/4 processed \(2 clean, 2 need review\), 2 failed/);
  });

  it('writes one contract JSON per distinct report, identical files counted once', () => {
    const lines = readFileSync(join(out, 'reports.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(4); // seed text, seed PDF, thamai DOCX, chun PDF
    for (const r of lines) expect(contractErrors(r)).toEqual([]);
    expect(new Set(lines.map((r) => r.source.sha256)).size).toBe(4);
  });

  it('raises DUPLICATE_SUBMISSION when one agency and year arrive in different files', () => {
    const lines = readFileSync(join(out, 'reports.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const laharnsai = lines.filter((r) => r.report.agency.name === 'องค์การบริหารส่วนตำบลละหานทราย');
    expect(laharnsai).toHaveLength(2);
    for (const r of laharnsai) expect(r.flags.map((f: { code: string }) => f.code)).toContain('DUPLICATE_SUBMISSION');
    const thamai = lines.find((r) => r.report.agency.name === 'เทศบาลตำบลท่าไม้');
    expect(thamai.flags).toEqual([]);
  });

  it('writes province.csv with a BOM, one row per file, the official indicators as columns', () => {
    const csv = readFileSync(join(out, 'province.csv'), 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const [header, ...rows] = csv.slice(1).trim().split('\r\n');
    expect(header.split(',').slice(0, 8)).toEqual(['หน่วยงาน (agency)', 'ประเภท (kind)', 'จังหวัด (province)', 'ปีงบประมาณ (fiscal year)', 'ไฟล์ (file)', 'สถานะ (state)',
      'ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่ (indicator 1)', 'ตัวชี้วัดที่ 2 การใช้งบประมาณ (indicator 2)']);
    const thamai = rows.find((r) => r.includes('thamai.docx'))!.split(',');
    expect(thamai.slice(0, 6)).toEqual(['เทศบาลตำบลท่าไม้', 'ทต.', 'กาญจนบุรี', '2568', 'inbox/submissions.zip/thamai.docx', 'ไม่มีข้อสังเกต']);
    expect(thamai.slice(6, 16)).toEqual(['', '95.2', '97.45', '', '', '', '', '', '100', '']);
  });

  it('writes province.xlsx that Excel readers open with the Thai text intact', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out, 'province.xlsx'));
    const ws = wb.getWorksheet('บุรีรัมย์')!;
    expect(ws.getRow(1).getCell(1).value).toBe('หน่วยงาน (agency)');
    // Set up to be read and printed: widths, score format, frozen header and first column, landscape A4 fitted to width.
    expect(ws.getColumn(1).width).toBeGreaterThanOrEqual(30);
    expect(ws.getColumn(7).numFmt).toBe('0.00');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 1 });
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' });
    const agencies = ws.getColumn(1).values.slice(2);
    expect(agencies).toContain('เทศบาลตำบลท่าไม้');
    expect(wb.getWorksheet('flags')!.rowCount).toBeGreaterThan(1);
  });

  it('lists every flag in flags.csv and every failure in failures.csv', () => {
    const flags = readFileSync(join(out, 'flags.csv'), 'utf8');
    expect(flags).toContain('CHANGE_MISMATCH');
    expect(flags).toContain('DUPLICATE_SUBMISSION');
    const failures = readFileSync(join(out, 'failures.csv'), 'utf8').trim().split('\r\n');
    expect(failures).toHaveLength(3);
    expect(failures.join('\n')).toMatch(/inbox\/broken\.pdf,ไฟล์ PDF เสียหายหรือไม่ครบ อ่านไม่ได้ \(a damaged or truncated PDF/); // Thai first, the English after
  });

  it('a second run over the same files processes nothing again and gives the same reports', () => {
    const again = runBatch([inbox, '--province', 'บุรีรัมย์', '--out', join(work, 'out2')], { ITA_DATA_DIR: join(work, 'data') });
    expect(again.stderr).toMatch(/7 file\(s\), 5 distinct report\(s\), 0 to process/);
    expect(readFileSync(join(work, 'out2/reports.jsonl'), 'utf8')).toBe(readFileSync(join(out, 'reports.jsonl'), 'utf8'));
  });

  it('bad usage exits 2', () => {
    const r = runBatch(['--province'], {});
    expect(r.status).toBe(2);
    expect(existsSync(join(work, 'nothing'))).toBe(false);
  });

  it('a folder that does not exist is named, exit 2, and no output folder or database is made', () => {
    const r = runBatch([join(work, 'no-such-inbox'), '--out', join(work, 'never')], { ITA_DATA_DIR: join(work, 'never-data') });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`ita-ingest: no such file or folder: ${join(work, 'no-such-inbox')}\n`);
    expect(existsSync(join(work, 'never'))).toBe(false);
    expect(existsSync(join(work, 'never-data'))).toBe(false);
  });
});

describe('ita-ingest batch on hostile inputs', () => {
  const work = mkdtempSync(join(tmpdir(), 'ita-batch-hostile-'));
  const inbox = join(work, 'inbox');
  const out = join(work, 'out');
  let run: ReturnType<typeof runBatch>;
  beforeAll(() => {
    mkdirSync(join(inbox, 'sub'), { recursive: true });
    copyFileSync(fixture('seed/laharnsai-2568.mixed.txt'), join(inbox, 'laharnsai.txt'));
    symlinkSync('/etc/passwd', join(inbox, 'passwd.txt')); // out of the given folder
    symlinkSync('..', join(inbox, 'sub/parent')); // back to the folder being read: a loop
    symlinkSync('self', join(inbox, 'self')); // a link to itself
    symlinkSync(join(inbox, 'laharnsai.txt'), join(inbox, 'sub/inside-link.txt')); // inside: followed
    copyFileSync(fixture('bad/xlsx-renamed.docx'), join(inbox, 'budget.docx'));
    copyFileSync(fixture('bad/zip-backslash-slip.zip'), join(inbox, 'windows.zip'));
    run = runBatch([inbox, '--out', out], { ITA_DATA_DIR: join(work, 'data') });
  });

  it('never reads a file through a link out of the given folder, nor loops', () => {
    expect(run.status, run.stderr).toBe(1);
    expect(run.stderr).toMatch(/failed: inbox\/passwd\.txt: a symbolic link to a place outside the given folders/);
    expect(run.stderr).toMatch(/failed: inbox\/sub\/parent: a folder already read \(a link loop\)/);
    expect(run.stderr).toMatch(/failed: inbox\/self: a symbolic link to nothing/);
    const reports = readFileSync(join(out, 'reports.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(reports.map((r) => r.source.fileName).join(' ')).not.toMatch(/passwd/);
    expect(reports).toHaveLength(1); // the seed, read once although a link inside the folder points at it too
  });

  it('an Office file that is not a DOCX is one failed file, not an archive of submissions', () => {
    expect(run.stderr).toMatch(/failed: inbox\/budget\.docx: a ZIP archive without word\/document\.xml/);
    expect(run.stderr).not.toMatch(/budget\.docx\/xl/);
  });

  it('a Windows-style ..\\ entry is listed as unsafe, not skipped in silence', () => {
    expect(run.stderr).toMatch(/failed: inbox\/windows\.zip\/\.\.\\\.\.\\windows\\x\.txt: unsafe path/);
  });
});

describe('province.xlsx printed by LibreOffice', () => {
  // The check: opened by LibreOffice and printed, the province table fits landscape A4 with no column cut
  // off. Needs soffice and pdftotext (.ci/run installs them).
  it('prints on landscape A4 pages with every header on the first page', () => {
    const work = mkdtempSync(join(tmpdir(), 'ita-print-'));
    const inbox = join(work, 'inbox');
    mkdirSync(inbox);
    for (const f of ['documents/thamai-2568.docx', 'documents/chun-2568-landscape.pdf', 'seed/laharnsai-2568.mixed.txt', 'variants/decrease.txt', 'variants/pipe-rows.txt']) {
      copyFileSync(fixture(f), join(inbox, f.replace(/\//g, '-')));
    }
    const out = join(work, 'out');
    const run = runBatch([inbox, '--province', 'บุรีรัมย์', '--out', out], { ITA_DATA_DIR: join(work, 'data') });
    expect(run.status, run.stderr).toBe(0);
    const conv = spawnSync('soffice', ['--headless', `-env:UserInstallation=file://${join(work, 'lo')}`, '--convert-to', 'pdf', '--outdir', work, join(out, 'province.xlsx')], { encoding: 'utf8', timeout: 120_000 });
    expect(conv.status, conv.stderr).toBe(0);
    const pdf = join(work, 'province.pdf');
    const info = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' }).stdout;
    const [w, h] = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(info)!.slice(1).map(Number);
    expect(w).toBeGreaterThan(h); // landscape
    expect(Math.round(w)).toBe(842); // A4: 842 × 595 pt
    const firstPage = spawnSync('pdftotext', ['-f', '1', '-l', '1', pdf, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, '');
    // Every column of the province table is on the first page: none cut off to a page of its own.
    // (A header wraps inside its narrow cell, so each is matched by the start of its English name.)
    for (const en of ['(agen', '(kind', '(prov', '(fisc', '(file', '(stat', '(erro', '(warn', '(info', '(sha2']) {
      expect(firstPage).toContain(en);
    }
    expect(firstPage.match(/\(indicator/g)).toHaveLength(10);
    expect(firstPage).toContain('เทศบาลตำบลท่าไม้');
  }, 180_000);
});
