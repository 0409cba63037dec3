/**
 * Our one pass over the content streams (content-stream.ts) replaced pdf.js's operator list as the source of table
 * rules (issue 10). The rules must be exactly those pdf.js's operator list gives (ruling-lines.ts keeps that path
 * as the fallback and as this reference): on every PDF producer among the fixtures, and on a hand-written content
 * stream with what a quick lexer gets wrong (strings holding operator names and parentheses, nested arrays and
 * dictionaries, inline image data, forms with a matrix, curves, unpainted paths).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, PDFHexString, PDFName } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { contentByPage } from '../../src/extractors/pdf/content-stream.ts';
import { hasImages, rulesFromSegments, rulingLines, type Rule } from '../../src/extractors/pdf/ruling-lines.ts';
import { withPdfDocument } from '../../src/extractors/pdf/with-pdf-document.ts';
import { ROOT } from '../helpers/cli.ts';

const FIX = join(ROOT, 'fixtures');
const pdfs = (dir: string, n = Infinity) => readdirSync(join(FIX, dir)).filter((f) => f.endsWith('.pdf')).sort().slice(0, n).map((f) => join(FIX, dir, f));

interface PageCompare { ours: Rule[] | null; pdfjs: Rule[]; images: boolean | null; pdfjsImages: boolean; marked: Array<string | null> | null }

async function compare(bytes: Uint8Array, name: string): Promise<PageCompare[]> {
  const content = await contentByPage(bytes);
  return withPdfDocument(bytes, name, async (pdf) => {
    const out: PageCompare[] = [];
    for (let p = 1; p <= pdf.numPages; p++) {
      const page = await pdf.getPage(p);
      const own = content[p - 1];
      out.push({
        ours: own ? rulesFromSegments(own.segments, page.view) : null,
        pdfjs: await rulingLines(page),
        images: own ? own.images : null,
        pdfjsImages: await hasImages(page),
        marked: own ? own.marked.map((m) => m.actualText) : null,
      });
      page.cleanup();
    }
    return out;
  });
}

describe('rules from our content-stream pass equal those from pdf.js', () => {
  const sets: Array<[string, string[]]> = [
    ['LibreOffice (documents, seed)', [...pdfs('documents').filter((f) => !/encrypted|png-renamed|truncated/.test(f)), ...pdfs('seed')]],
    ['LibreOffice, generated reports', [...pdfs('accuracy', 6), ...pdfs('accuracy-b', 6), ...pdfs('accuracy-c', 6)].filter((f) => !f.endsWith('.web.pdf'))],
    ['Chromium (web pages printed)', [...pdfs('accuracy'), ...pdfs('accuracy-b'), ...pdfs('accuracy-c')].filter((f) => f.endsWith('.web.pdf')).slice(0, 12)],
    ['scans (image-only pages)', pdfs('scans')],
  ];
  for (const [label, files] of sets) {
    it(`${label}: ${files.length} files`, async () => {
      expect(files.length).toBeGreaterThan(2);
      let rules = 0;
      for (const f of files) {
        for (const [i, page] of (await compare(new Uint8Array(readFileSync(f)), f)).entries()) {
          expect(page.ours, `${f} page ${i + 1}`).toEqual(page.pdfjs);
          expect(page.images, `${f} page ${i + 1} images`).toBe(page.pdfjsImages);
          rules += page.pdfjs.length;
        }
      }
      if (!label.startsWith('scans')) expect(rules).toBeGreaterThan(10 * files.length);
    }, 120_000);
  }

  it('a LibreOffice Thai report: its ActualText spans are found (the k-th BMC/BDC paired with pdf.js)', async () => {
    const [first] = await compare(new Uint8Array(readFileSync(join(FIX, 'documents', 'laharnsai-2568.pdf'))), 'laharnsai-2568.pdf');
    const texts = first.marked!.filter((t): t is string => t !== null);
    expect(texts.length).toBeGreaterThan(10);
    expect(texts.some((t) => /[\u0e00-\u0e7f]/.test(t))).toBe(true);
  });
});

describe('a hand-written content stream', () => {
  async function build(): Promise<Uint8Array> {
    const doc = await PDFDocument.create();
    const page = doc.addPage([400, 300]);
    const ctx = doc.context;
    // A form drawn twice at different places: its rules must land where each Do puts them.
    const form = ctx.stream('0 0 m 0 50 l S 0 0 m 80 0 l S', { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, 100, 100], Matrix: [1, 0, 0, 1, 10, 20] });
    const image = ctx.stream(new Uint8Array([0, 255, 0, 255]), { Type: 'XObject', Subtype: 'Image', Width: 2, Height: 2, ColorSpace: 'DeviceGray', BitsPerComponent: 8 });
    page.node.set(PDFName.of('Resources'), ctx.obj({
      XObject: { Fm1: ctx.register(form), Im1: ctx.register(image) },
      Properties: { P1: { ActualText: PDFHexString.fromText('\u0e02\u0e49\u0e32') } },
    }));
    const content = [
      '% a comment with BDC and ( inside',
      'q 1 0 0 1 5 5 cm',
      'BT /F1 12 Tf (a string with BDC and \\) and (nested) parens) Tj [(arr) -20 <0041> (BMC)] TJ ET',
      '/Span <</ActualText <FEFF0E020E49> /Nested << /K [1 (x>>) 2] >> >> BDC EMC',
      '/Span /P1 BDC EMC',
      '/Artifact BMC EMC',
      '/Span <</MCID 3>> BDC EMC',
      '10 10 m 10 200 l 200 200 l S',
      '20 20 300 1.5 re f',
      '20 40 0 100 re S',
      '20 60 m 50 90 80 90 110 60 c 150 60 l S',
      '20 80 m 200 80 l n',
      '30 30 m 30 90 l 60 90 v 60 30 l h S',
      '-.5 +2 m 0.5 250. l S',
      'Q q 2 0 0 2 100 100 cm /Fm1 Do Q /Fm1 Do',
      'BI /W 4 /H 1 /BPC 8 /CS /G ID \x00BDC EI\x01 EI',
      '5 5 m 5 290 l S',
    ].join('\n');
    page.node.set(PDFName.of('Contents'), ctx.register(ctx.stream(content)));
    return doc.save();
  }

  it('gives pdf.js\'s rules, the marked-content list in order, and sees the images', async () => {
    const [page] = await compare(await build(), 'hand.pdf');
    expect(page.ours).toEqual(page.pdfjs);
    // 3 of the path, 1 thin box, 1 zero-width box (drawn as 2 strokes), 3+ of the curved path's lines, the form twice
    // (2 each), the first form's scaled copy, and the stroke after the inline image: well over ten.
    expect(page.pdfjs.length).toBeGreaterThan(10);
    expect(page.images).toBe(true);
    expect(page.marked).toEqual(['\u0e02\u0e49', '\u0e02\u0e49\u0e32', null, null]);
  });
});
