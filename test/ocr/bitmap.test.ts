/**
 * The bitmap steps of OCR on drawn pages (no fonts needed): the skew of rows of "text", the rules of a table with
 * thin grey lines, and a stamp (a tinted disc with a dark ring) that must not become rules.
 */
import { createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { estimateSkew, rotateGray, toPagePoints, type Gray } from '../../src/extractors/ocr/bitmap.ts';
import { bitmapRules } from '../../src/extractors/ocr/rules.ts';

const W = 1240;
const H = 1754; // A4 at 150 dpi

function gray(draw: (ctx: ReturnType<ReturnType<typeof createCanvas>['getContext']>) => void): Gray {
  const c = createCanvas(W, H);
  const ctx = c.getContext('2d');
  ctx.fillStyle = 'white';
  ctx.fillRect(0, 0, W, H);
  draw(ctx);
  const rgba = ctx.getImageData(0, 0, W, H).data;
  const data = new Uint8Array(W * H);
  for (let i = 0; i < data.length; i++) data[i] = rgba[i * 4];
  return { data, width: W, height: H };
}

/** Rows of word-like blocks, as a page of text looks to a projection profile, turned by `deg` about the centre. */
const textPage = (deg: number) => gray((ctx) => {
  ctx.translate(W / 2, H / 2);
  ctx.rotate((deg * Math.PI) / 180);
  ctx.translate(-W / 2, -H / 2);
  ctx.fillStyle = 'black';
  for (let y = 150; y < H - 150; y += 36) {
    for (let x = 120; x < W - 160; ) {
      const w = 20 + ((x * 7 + y * 3) % 90);
      ctx.fillRect(x, y, w, 14);
      x += w + 12;
    }
  }
});

describe('skew of a scanned page', () => {
  it.each([0, 0.6, -1.2, 1.5, -2.4])('finds a page turned by %s° within 0.1°', (deg) => {
    expect(Math.abs(estimateSkew(textPage(deg)) - deg)).toBeLessThanOrEqual(0.1);
  });

  it('a blank page has no skew', () => expect(estimateSkew(gray(() => {}))).toBe(0));

  it.each([1.2, -0.7])('a page turned by %s° and turned back lies flat', (deg) => {
    const straight = rotateGray(textPage(deg), -deg);
    expect(Math.abs(estimateSkew(straight))).toBeLessThanOrEqual(0.1);
    expect(straight.data.length).toBe(W * H);
  });

  it('a box found on the straightened page maps back to where it is drawn on the page', () => {
    const img = { ...textPage(0), scale: 150 / 72, deskew: 90 };
    // Turning by 90° about the centre: the top-left corner region goes to the top-right.
    const [x0, y0, x1, y1] = toPagePoints(img, [0, H / 2 - 10, 20, H / 2 + 10]);
    expect(x0).toBeCloseTo((W / 2 - 10) / img.scale, 0);
    expect(x1).toBeCloseTo((W / 2 + 10) / img.scale, 0);
    expect(y0).toBeCloseTo((H / 2 - W / 2) / img.scale, 0);
    expect(y1).toBeCloseTo((H / 2 - W / 2 + 20) / img.scale, 0);
  });
});

describe('table rules from a bitmap', () => {
  const scale = 150 / 72;
  const cols = [150, 400, 800, 1100];
  const rows = [300, 420, 900, 1300];
  const table = (extra?: (ctx: ReturnType<ReturnType<typeof createCanvas>['getContext']>) => void) => gray((ctx) => {
    // Thin light-grey lines, as a 0.5 pt border comes out of a blurred 200 dpi scan.
    ctx.strokeStyle = 'rgb(175,175,175)';
    ctx.lineWidth = 2;
    for (const x of cols) { ctx.beginPath(); ctx.moveTo(x, rows[0]); ctx.lineTo(x, rows[rows.length - 1]); ctx.stroke(); }
    for (const y of rows) { ctx.beginPath(); ctx.moveTo(cols[0], y); ctx.lineTo(cols[cols.length - 1], y); ctx.stroke(); }
    // Text inside the cells: short strokes, never a rule.
    ctx.fillStyle = 'black';
    for (let y = 450; y < 880; y += 30) ctx.fillRect(170, y, 200, 12);
    extra?.(ctx);
  });
  const positions = (g: Gray) => {
    const rules = bitmapRules(g, scale);
    // Rules within 3 px of each other are one line drawn with some thickness.
    const at = (dir: 'h' | 'v') => rules.filter((r) => r.dir === dir).map((r) => r.at * scale).sort((a, b) => a - b)
      .reduce<number[]>((out, x) => (out.length && x - out[out.length - 1] <= 3 ? out : [...out, Math.round(x)]), []);
    return { v: at('v'), h: at('h') };
  };

  it('finds each thin grey rule once, at its place, and no rule in the text', () => {
    const { v, h } = positions(table());
    expect(v.length).toBe(cols.length);
    v.forEach((x, i) => expect(Math.abs(x - cols[i])).toBeLessThanOrEqual(2));
    expect(h.length).toBe(rows.length);
    h.forEach((y, i) => expect(Math.abs(y - rows[i])).toBeLessThanOrEqual(2));
  });

  it('a stamp over a cell (a tinted disc with a dark ring) adds no rule', () => {
    const { v, h } = positions(table((ctx) => {
      ctx.fillStyle = 'rgba(90,90,90,0.35)';
      ctx.strokeStyle = 'rgba(60,60,60,0.8)';
      ctx.lineWidth = 3;
      ctx.beginPath();
      ctx.arc(900, 600, 90, 0, Math.PI * 2);
      ctx.fill();
      ctx.stroke();
    }));
    expect(v.length).toBe(cols.length);
    expect(h.length).toBe(rows.length);
  });
});

describe('rendering a page for OCR', () => {
  it('a huge page is rendered coarser, within the pixel cap, never at 300 dpi', async () => {
    const { PDFDocument, rgb } = await import('pdf-lib');
    const { withPdfDocument } = await import('../../src/extractors/pdf/with-pdf-document.ts');
    const { renderPage, MAX_PAGE_PIXELS } = await import('../../src/extractors/ocr/bitmap.ts');
    const doc = await PDFDocument.create();
    doc.addPage([14_400, 14_400]).drawRectangle({ x: 100, y: 100, width: 5000, height: 40, color: rgb(0, 0, 0) });
    const bytes = await doc.save();
    await withPdfDocument(bytes, 'huge.pdf', async (pdf) => {
      const img = await renderPage(await pdf.getPage(1), 300);
      expect(img.width * img.height).toBeLessThanOrEqual(MAX_PAGE_PIXELS * 1.001);
      expect(img.scale).toBeLessThan(300 / 72);
      expect(img.data.some((v) => v < 128)).toBe(true); // the bar was drawn
    });
  });
});
