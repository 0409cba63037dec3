/**
 * A scanned page as a greyscale bitmap: the scanner's image as pdf.js decodes it (or the page rendered by pdf.js
 * onto an @napi-rs/canvas canvas when it is not one upright image), straightened (a scan is rarely put on the glass
 * square), and written as PGM for tesseract (Leptonica reads PNM without any encoding step: a PNG of an A4 page at
 * 300 dpi costs ~0.3 s to encode).
 */
import type { PDFPageProxy } from 'pdfjs-dist/types/src/display/api.js';
import type { Matrix } from '../pdf/paths.ts';
import { walkOperators } from '../pdf/ruling-lines.ts';
import { loadPdfJs } from '../pdf/with-pdf-document.ts';

export interface Gray {
  /** One byte a pixel, 0 = black, 255 = white, row after row. */
  data: Uint8Array;
  width: number;
  height: number;
}

export interface PageImage extends Gray {
  /** Pixels per PDF point. */
  scale: number;
  /** Degrees the page was turned (clockwise) to straighten it; boxes are mapped back through it. */
  deskew: number;
}

type Canvas = import('@napi-rs/canvas').Canvas;

async function canvasLib() {
  try {
    return await import('@napi-rs/canvas');
  } catch (e) {
    throw new Error(`@napi-rs/canvas is not available on this platform, so scanned pages cannot be rendered (${(e as Error).message})`);
  }
}

/** Grey from red, green and blue (ITU-R 601 weights, in 1/256). */
const luma = (r: number, g: number, b: number) => (r * 77 + g * 150 + b * 29) >> 8;

/** The grey level at (x, y) between pixels, bilinear; (x, y) must lie at least one pixel inside the right and bottom edges. */
function bilinear(src: Uint8Array, w: number, x: number, y: number): number {
  const xi = Math.floor(x);
  const yi = Math.floor(y);
  const [tx, ty] = [x - xi, y - yi];
  const k = yi * w + xi;
  const top = src[k] + (src[k + 1] - src[k]) * tx;
  const bottom = src[k + w] + (src[k + w + 1] - src[k + w]) * tx;
  return top + (bottom - top) * ty;
}

/** The canvas as grey, read 128 rows at a time: one full RGBA copy of an A4 page at 300 dpi is 35 MB. */
function toGray(canvas: Canvas): Gray {
  const { width, height } = canvas;
  const ctx = canvas.getContext('2d');
  const data = new Uint8Array(width * height);
  for (let y0 = 0; y0 < height; y0 += 128) {
    const rows = Math.min(128, height - y0);
    const rgba = ctx.getImageData(0, y0, width, rows).data;
    for (let i = 0, j = y0 * width; i < rgba.length; i += 4, j++) data[j] = luma(rgba[i], rgba[i + 1], rgba[i + 2]);
  }
  return { data, width, height };
}

/**
 * The skew of a page of text, in degrees (−3…3): the angle at which the rows of dark pixels line up best (the
 * projection profile with the largest sum of squares), searched coarsely on a quarter-size copy, then finely.
 */
export function estimateSkew(g: Gray): number {
  const points = (step: number) => {
    const xs: number[] = [];
    const ys: number[] = [];
    for (let y = 0; y < g.height; y += step) {
      for (let x = 0; x < g.width; x += step) if (g.data[y * g.width + x] < 128) { xs.push(x); ys.push(y); }
    }
    return { xs, ys, step };
  };
  const score = ({ xs, ys, step }: ReturnType<typeof points>, deg: number) => {
    const t = Math.tan((deg * Math.PI) / 180);
    const off = Math.ceil((g.width * 0.06) / step) + 2;
    const bins = new Float64Array(Math.ceil(g.height / step) + off * 2);
    for (let i = 0; i < xs.length; i++) bins[Math.round((ys[i] - xs[i] * t) / step) + off]++;
    let s = 0;
    for (const b of bins) s += b * b;
    return s;
  };
  const search = (p: ReturnType<typeof points>, from: number, to: number, by: number) => {
    let best = 0;
    let bestScore = -1;
    for (let k = 0; from + k * by <= to + 1e-9; k++) {
      const d = from + k * by;
      const s = score(p, d);
      if (s > bestScore) [best, bestScore] = [d, s];
    }
    return best;
  };
  const coarse = points(4);
  if (coarse.xs.length < 200) return 0;
  const near = search(coarse, -3, 3, 0.2);
  // Finely on every second row and column: a quarter-size copy cannot tell 0.4° from 0.6° across a page.
  return Math.round(search(points(2), near - 0.25, near + 0.25, 0.05) * 100) / 100;
}

/** Most pixels a page is rendered with (A4 at 300 dpi is 8.7 million): a huge page is rendered coarser. */
export const MAX_PAGE_PIXELS = 36_000_000;

/**
 * The page rendered at `dpi` (or coarser, to stay within MAX_PAGE_PIXELS), straightened when it leans by more
 * than 0.1°. `scale` says what was used: tesseract is told the resolution from it.
 */
export async function renderPage(page: PDFPageProxy, dpi: number): Promise<PageImage> {
  const { createCanvas } = await canvasLib();
  const [w, h] = [page.view[2] - page.view[0], page.view[3] - page.view[1]];
  const scale = Math.min(dpi / 72, Math.sqrt(MAX_PAGE_PIXELS / Math.max(1, w * h)));
  const viewport = page.getViewport({ scale });
  // A scan is one image over the whole page: its pixels are taken as they are, with no canvas (half the memory).
  const direct = await wholePageImage(page, Math.ceil(viewport.width), Math.ceil(viewport.height));
  if (direct) return straighten(direct.gray, direct.scale);
  const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
  await page.render({ canvas: canvas as unknown as HTMLCanvasElement, viewport, background: 'white' }).promise;
  const gray = toGray(canvas);
  // The canvas library's pixel memory is not seen by JavaScript's garbage collector: freed now, not pages later.
  canvas.width = canvas.height = 0;
  return straighten(gray, scale);
}

/** The bitmap turned square when it leans by more than 0.1°. */
function straighten(gray: Gray, scale: number): PageImage {
  const skew = estimateSkew(gray);
  return Math.abs(skew) <= 0.1 ? { ...gray, scale, deskew: 0 } : { ...rotateGray(gray, -skew), scale, deskew: skew };
}

/**
 * The page's one image, in grey at `w`×`h` pixels, when the page is nothing but an upright image covering it (a
 * scanner's PDF); null otherwise (the page is then rendered). pdf.js has decoded the image for its operator list.
 */
async function wholePageImage(page: PDFPageProxy, w: number, h: number): Promise<{ gray: Gray; scale: number } | null> {
  const { OPS } = await loadPdfJs();
  const ops = await page.getOperatorList();
  // Drawing state and marked content only, around a single image: anything else is drawn (text, paths, forms).
  const harmless = new Set([OPS.save, OPS.restore, OPS.transform, OPS.dependency, OPS.beginMarkedContent, OPS.beginMarkedContentProps, OPS.endMarkedContent, OPS.setGState]);
  const images: Array<{ id: string; m: Matrix }> = [];
  let other = false;
  walkOperators(ops, OPS, (fn, args, ctm) => {
    if (fn === OPS.paintImageXObject) images.push({ id: args[0] as string, m: ctm });
    else if (!harmless.has(fn)) other = true;
    return !other && images.length <= 1;
  });
  if (other || images.length !== 1) return null;
  const found = images[0];
  const [x0, y0, x1, y1] = page.view;
  const [pw, ph] = [x1 - x0, y1 - y0];
  const m = found.m;
  const near = (a: number, b: number) => Math.abs(a - b) <= Math.max(pw, ph) * 0.01;
  if (Math.abs(m[1]) > 1e-6 || Math.abs(m[2]) > 1e-6 || !near(m[0], pw) || !near(m[3], ph) || !near(m[4], x0) || !near(m[5], y0)) return null;
  const img = await new Promise<{ width: number; height: number; kind: number; data?: Uint8ClampedArray }>((resolve) => page.objs.get(found.id, resolve));
  if (!img?.data || ![1, 2, 3].includes(img.kind)) return null;
  const { width: iw, height: ih, data, kind } = img;
  const src = new Uint8Array(iw * ih);
  if (kind === 1) {
    // One bit a pixel, rows padded to whole bytes; a set bit is white.
    const stride = (iw + 7) >> 3;
    for (let y = 0; y < ih; y++) for (let x = 0; x < iw; x++) src[y * iw + x] = (data[y * stride + (x >> 3)] >> (7 - (x & 7))) & 1 ? 255 : 0;
  } else {
    const n = kind === 2 ? 3 : 4;
    for (let i = 0, j = 0; j < src.length; i += n, j++) src[j] = luma(data[i], data[i + 1], data[i + 2]);
  }
  // At its own resolution when that is near 300 dpi (within the pixel cap): resampling only blurs.
  if (iw * ih <= w * h * 1.05 && iw / pw >= 280 / 72) return { gray: { data: src, width: iw, height: ih }, scale: iw / pw };
  // Coarser (a 200 dpi scan), or over the pixel cap: to the rendering resolution (bilinear), as tesseract reads Thai best at 300 dpi.
  const out = new Uint8Array(w * h);
  const [fx, fy] = [iw / w, ih / h];
  for (let y = 0; y < h; y++) {
    const sy = Math.min(ih - 1.001, Math.max(0, (y + 0.5) * fy - 0.5));
    for (let x = 0; x < w; x++) out[y * w + x] = bilinear(src, iw, Math.min(iw - 1.001, Math.max(0, (x + 0.5) * fx - 0.5)), sy);
  }
  return { gray: { data: out, width: w, height: h }, scale: w / pw };
}

/**
 * The bitmap turned by `deg` (clockwise, about its centre), same size, paper white where nothing maps: bilinear,
 * on one byte a pixel (a second RGBA canvas would cost four times the memory).
 */
export function rotateGray(g: Gray, deg: number): Gray {
  const { width: w, height: h, data: src } = g;
  const out = new Uint8Array(w * h).fill(255);
  const a = (deg * Math.PI) / 180;
  const [cos, sin] = [Math.cos(a), Math.sin(a)];
  const [cx, cy] = [w / 2, h / 2];
  for (let y = 0; y < h; y++) {
    const dy = y + 0.5 - cy;
    // The source of output (x, y) is the point turned back by −deg.
    let sx = cx + (0.5 - cx) * cos + dy * sin - 0.5;
    let sy = cy - (0.5 - cx) * sin + dy * cos - 0.5;
    for (let x = 0, i = y * w; x < w; x++, i++, sx += cos, sy -= sin) {
      if (sx < 0 || sy < 0 || sx >= w - 1 || sy >= h - 1) continue;
      out[i] = bilinear(src, w, sx, sy);
    }
  }
  return { data: out, width: w, height: h };
}

/** A box on the straightened bitmap (pixels) → the box on the PDF page as drawn (points, origin top-left). */
export function toPagePoints(img: PageImage, [x0, y0, x1, y1]: [number, number, number, number]): [number, number, number, number] {
  if (!img.deskew) return [x0 / img.scale, y0 / img.scale, x1 / img.scale, y1 / img.scale];
  const a = (img.deskew * Math.PI) / 180;
  const [cx, cy] = [img.width / 2, img.height / 2];
  const back = (x: number, y: number): [number, number] => [
    cx + (x - cx) * Math.cos(a) - (y - cy) * Math.sin(a),
    cy + (x - cx) * Math.sin(a) + (y - cy) * Math.cos(a),
  ];
  const pts = [back(x0, y0), back(x1, y0), back(x0, y1), back(x1, y1)];
  const r = (v: number) => Math.round((v / img.scale) * 100) / 100;
  return [r(Math.min(...pts.map((p) => p[0]))), r(Math.min(...pts.map((p) => p[1]))), r(Math.max(...pts.map((p) => p[0]))), r(Math.max(...pts.map((p) => p[1])))];
}

/** A box in points on the straightened page → points on the page as drawn. */
export function unstraighten(img: PageImage, b: [number, number, number, number]): [number, number, number, number] {
  return toPagePoints(img, [b[0] * img.scale, b[1] * img.scale, b[2] * img.scale, b[3] * img.scale]);
}

/** Binary PGM (P5): what tesseract's Leptonica reads with no decoding library. */
export function toPgm(g: Gray): Uint8Array {
  const head = new TextEncoder().encode(`P5\n${g.width} ${g.height}\n255\n`);
  const out = new Uint8Array(head.length + g.data.length);
  out.set(head);
  out.set(g.data, head.length);
  return out;
}
