/**
 * Parity: the same report as text, DOCX and PDF (LibreOffice, and Chromium for the HTML page) gives the same
 * records and flags, each compared with the source's expectation under the seed rules, and with each other.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExtractionResult } from '../../src/model/extraction-result.ts';
import { levenshtein } from '../../src/parse/indicators.ts';
import { extractReport } from '../../src/pipeline.ts';
import { ROOT } from '../helpers/cli.ts';
import { diffResult } from '../helpers/expected.ts';
import { contractErrors } from '../helpers/schema.ts';

const FIX = join(ROOT, 'fixtures');
const DOCS = join(FIX, 'documents');
interface Entry { name: string; source: string; expect: string; docx: string; pdf: string; pages: number }
const manifest = JSON.parse(readFileSync(join(DOCS, 'manifest.json'), 'utf8')) as Entry[];

const cache = new Map<string, Promise<ExtractionResult>>();
const extract = (path: string) => {
  if (!cache.has(path)) cache.set(path, extractReport(new Uint8Array(readFileSync(path)), path.split('/').pop()!));
  return cache.get(path)!;
};

/** The source's expectation, minus what differs by format (the source block, the format itself). */
function expectationFor(e: { expect: string }) {
  const { source: _source, about: _about, clean, ...rest } = JSON.parse(readFileSync(join(FIX, e.expect), 'utf8'));
  return { rest, clean: Boolean(clean) };
}

const squeeze = (s: string) => s.replace(/\s+/g, '');
const records = (r: ExtractionResult) => ({
  report: { ...r.report, title: r.report.title && squeeze(r.report.title) },
  measures: r.measures.map((m) => ({ no: m.no, title: squeeze(m.title), summary: squeeze(m.summary), actions: m.actions.map(squeeze), outcome: squeeze(m.outcome) })),
  scores: r.scores.map(({ provenance: _p, ...s }) => ({ ...s, indicator: { ...s.indicator, statedName: s.indicator.statedName && squeeze(s.indicator.statedName) } })),
  flags: r.flags.map((f) => `${f.code} ${JSON.stringify(f.target)}`).sort(),
});

describe.each(manifest)('$name', (entry) => {
  const { rest, clean } = expectationFor(entry);
  it.each(['docx', 'pdf'] as const)('%s matches the expectation of its text source', async (kind) => {
    const r = await extract(join(DOCS, entry[kind]));
    expect(r.source.format).toBe(kind);
    expect(contractErrors(r)).toEqual([]);
    expect(diffResult(rest, r)).toEqual([]);
    if (clean) expect(r.flags.map((f) => f.code)).toEqual([]);
  });

  it('gives the same records and flags as text, DOCX and PDF', async () => {
    const [text, docx, pdf] = await Promise.all([extract(join(FIX, entry.source)), extract(join(DOCS, entry.docx)), extract(join(DOCS, entry.pdf))]);
    expect(records(docx)).toEqual(records(text));
    expect(records(pdf)).toEqual(records(text));
  });

  it('reads the LibreOffice PDF with 0.00% character errors in measure text (against the DOCX)', async () => {
    const [docx, pdf] = await Promise.all([extract(join(DOCS, entry.docx)), extract(join(DOCS, entry.pdf))]);
    const text = (r: ExtractionResult) => r.measures.map((m) => squeeze(m.title + m.summary + m.outcome)).join('|');
    const ref = text(docx);
    expect(ref.length).toBeGreaterThan(0);
    expect(levenshtein(text(pdf), ref) / ref.length).toBe(0);
  });

  it('gives every PDF score a page and a bbox that holds the number on the rendered page', async () => {
    const pdf = await extract(join(DOCS, entry.pdf));
    for (const s of pdf.scores) {
      const { page, bbox } = s.provenance;
      expect(page).toBeGreaterThanOrEqual(1);
      expect(bbox).toHaveLength(4);
      const [x0, y0, x1, y1] = bbox!;
      const under = execFileSync('pdftotext', [
        '-f', String(page), '-l', String(page), '-r', '72', '-x', String(Math.floor(x0)), '-y', String(Math.floor(y0)),
        '-W', String(Math.ceil(x1 - x0) + 1), '-H', String(Math.ceil(y1 - y0)), join(DOCS, entry.pdf), '-',
      ], { encoding: 'utf8' });
      const arabic = under.replace(/[๐-๙]/g, (d) => String(d.charCodeAt(0) - 0x0e50));
      expect(arabic, `score ${s.score} on page ${page}`).toContain(String((s as unknown as { stated: { score: string } }).stated.score));
      // Each stated number has its own box too (what a reviewer sees highlighted for a flag on that field).
      const stated = (s as unknown as { stated: Record<string, string | null> }).stated;
      const fields = (s.provenance as unknown as { fields: Record<string, { page: number; bbox: number[] }> }).fields;
      for (const field of ['baselineScore', 'reportedChange'] as const) {
        if (!stated[field]) continue;
        const f = fields[field];
        const text = execFileSync('pdftotext', ['-f', String(f.page), '-l', String(f.page), '-r', '72', '-x', String(Math.floor(f.bbox[0])), '-y', String(Math.floor(f.bbox[1])),
          '-W', String(Math.ceil(f.bbox[2] - f.bbox[0]) + 1), '-H', String(Math.ceil(f.bbox[3] - f.bbox[1])), join(DOCS, entry.pdf), '-'], { encoding: 'utf8' });
        expect(text.replace(/[๐-๙]/g, (d) => String(d.charCodeAt(0) - 0x0e50)), `${field} of score ${s.score}`).toContain(stated[field]!.replace(/^-/, ''));
      }
    }
  });
});

describe('PDF line wraps', () => {
  it('join Thai without a stray space: spaces in PDF measure text match the DOCX within 5%', async () => {
    // The seed is left out: its own cells carry the wrap spaces of an earlier copy, so its DOCX is no ground truth.
    let extra = 0;
    let missing = 0;
    let real = 0;
    const spaces = (t: string) => {
      const at = new Set<number>();
      let pos = 0;
      for (const ch of t) if (ch === ' ') at.add(pos); else pos++;
      return at;
    };
    for (const e of manifest.filter((x) => !x.name.startsWith('laharnsai'))) {
      const [docx, pdf] = await Promise.all([extract(join(DOCS, e.docx)), extract(join(DOCS, e.pdf))]);
      docx.measures.forEach((m, i) => {
        for (const k of ['title', 'summary', 'outcome'] as const) {
          const want = spaces(m[k]);
          const got = spaces(pdf.measures[i][k]);
          real += want.size;
          extra += [...got].filter((x) => !want.has(x)).length;
          missing += [...want].filter((x) => !got.has(x)).length;
        }
      });
    }
    expect(real).toBeGreaterThan(300);
    expect((extra + missing) / real).toBeLessThan(0.05); // a space at every wrap: 119 extra of 434 (27%)
  });
});

describe('PDFs from other producers', () => {
  it('a PDF whose text layer carries Thai PUA glyphs comes out in standard Thai', async () => {
    const raw = execFileSync('pdftotext', [join(DOCS, 'pua-glyphs.pdf'), '-'], { encoding: 'utf8' });
    expect(raw).toMatch(/[\uF700-\uF71A]/); // the fixture really has PUA code points in its text layer
    const r = await extract(join(DOCS, 'pua-glyphs.pdf'));
    const { rest } = expectationFor({ expect: 'variants/pua-glyphs.expect.json' });
    expect(diffResult(rest, r)).toEqual([]);
    // Records are standard Thai; only provenance keeps the original PUA snippet.
    expect(JSON.stringify(r.measures.map(({ provenance: _p, ...m }) => m))).not.toMatch(/[\uF700-\uF71A]/);
    expect(r.measures[0].provenance.text).toMatch(/[\uF700-\uF71A]/);
    expect(r.flags).toEqual([]);
    expect(r.messages.some((m) => m.code === 'PUA_GLYPHS_REPAIRED')).toBe(true);
    expect(r.scores[0]).toMatchObject({ score: 97.45, baselineScore: 93, reportedChange: 4.45, indicator: { no: 3 } });
  });

  it('a Chromium-printed PDF of the HTML page gives the HTML page\'s records', async () => {
    const [html, pdf] = await Promise.all([extract(join(FIX, 'variants/html-page-with-navigation.html')), extract(join(DOCS, 'chromium-html-page.pdf'))]);
    const { rest } = expectationFor({ expect: 'variants/html-page-with-navigation.expect.json' });
    expect(diffResult(rest, pdf)).toEqual([]);
    expect(records(pdf).scores).toEqual(records(html).scores);
    expect(pdf.flags).toEqual([]);
  });
});

describe('bad PDF and DOCX files', () => {
  it.each([
    ['encrypted.pdf', /^encrypted\.pdf: an encrypted \(password-protected\) PDF/],
    ['truncated.pdf', /^truncated\.pdf: a damaged or truncated PDF/],
    ['png-renamed.pdf', /^png-renamed\.pdf: a PNG image/],
    ['zip-without-document.docx', /^zip-without-document\.docx: a ZIP archive without word\/document\.xml/],
    ['truncated.docx', /^truncated\.docx: a damaged DOCX/],
  ])('%s is refused with a clear reason naming the file', async (file, reason) => {
    await expect(extract(join(DOCS, file))).rejects.toThrow(reason);
  });

  it.each([
    ['actualtext-stripped.pdf', [1, 2, 3, 4, 5, 6, 7, 8]],
    ['page-without-text.pdf', [2]],
  ])('%s: a damaged text layer is flagged EXTRACTION_LOW_CONFIDENCE with its pages', async (file, pages) => {
    const r = await extract(join(DOCS, file));
    const f = r.flags.find((x) => x.code === 'EXTRACTION_LOW_CONFIDENCE');
    expect(f?.severity).toBe('warning');
    expect(f?.pages).toEqual(pages);
    expect(f?.message).toContain(`ในหน้า ${pages.join(', ')}`);
  });

  it('a truly blank page (nothing drawn) is not taken for a scan: no flag, a PAGE_BLANK message', async () => {
    const r = await extract(join(DOCS, 'blank-page.pdf'));
    expect(r.flags.map((f) => f.code)).not.toContain('EXTRACTION_LOW_CONFIDENCE');
    expect(r.messages.find((m) => m.code === 'PAGE_BLANK')?.where?.page).toBe(r.source.pages);
  });

  it('a glyph pdf.js draws after its ActualText span (LibreOffice, Loma: า) keeps its ActualText', async () => {
    // pdf.js alone reads "ก รพัฒน ระบบ" for "การพัฒนาระบบ" in these PDFs; their truth files say what the documents say.
    const dir = join(ROOT, 'fixtures/accuracy');
    const loma = readdirSync(dir).filter((f) => f.endsWith('.truth.json') && readFileSync(join(dir, f), 'utf8').includes('font Loma')).slice(0, 6);
    expect(loma.length).toBeGreaterThan(0);
    for (const f of loma) {
      const truth = JSON.parse(readFileSync(join(dir, f), 'utf8'));
      const r = await extract(join(dir, f.replace('.truth.json', '.pdf')));
      expect(r.measures.map((m) => m.title.replace(/\s+/g, ''))).toEqual(truth.measures.map((m: { title: string }) => m.title.replace(/\s+/g, '')));
      expect(r.flags.map((x) => x.code)).not.toContain('EXTRACTION_LOW_CONFIDENCE');
    }
  });

  it('the undamaged PDFs raise no EXTRACTION_LOW_CONFIDENCE', async () => {
    for (const e of manifest) expect((await extract(join(DOCS, e.pdf))).flags.map((f) => f.code)).not.toContain('EXTRACTION_LOW_CONFIDENCE');
  });

  it('a zero-byte .pdf is refused as empty', async () => {
    await expect(extractReport(new Uint8Array(), 'empty.pdf')).rejects.toThrow(/^empty\.pdf: the file is empty/);
  });
});
