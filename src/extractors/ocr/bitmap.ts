/**
 * A scanned page as a greyscale bitmap: rendered from the PDF page by pdf.js onto an @napi-rs/canvas canvas,
 * straightened (a scan is rarely put on the glass square), and written as PGM for tesseract (Leptonica reads PNM
 * without any encoding step: a PNG of an A4 page at 300 dpi costs ~0.3 s to encode).
 */
import type { PDFPageProxy } from 'pdfjs-dist/types/src/display/api.js';

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

function toGray(canvas: Canvas): Gray {
  const { width, height } = canvas;
  const rgba = canvas.getContext('2d').getImageData(0, 0, width, height).data;
  const data = new Uint8Array(width * height);
  for (let i = 0, j = 0; j < data.length; i += 4, j++) data[j] = (rgba[i] * 77 + rgba[i + 1] * 150 + rgba[i + 2] * 29) >> 8;
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

/** The page rendered at `dpi`, straightened when it leans by more than 0.1°. */
export async function renderPage(page: PDFPageProxy, dpi: number): Promise<PageImage> {
  const { createCanvas } = await canvasLib();
  const scale = dpi / 72;
  const viewport = page.getViewport({ scale });
  const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
  await page.render({ canvas: canvas as unknown as HTMLCanvasElement, viewport, background: 'white' }).promise;
  const gray = toGray(canvas);
  const skew = estimateSkew(gray);
  if (Math.abs(skew) <= 0.1) return { ...gray, scale, deskew: 0 };
  // Rows of text rise by tan(skew) per pixel: turning the page by −skew about its centre lays them flat.
  const straight = createCanvas(canvas.width, canvas.height);
  const ctx = straight.getContext('2d');
  ctx.fillStyle = 'white';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.translate(canvas.width / 2, canvas.height / 2);
  ctx.rotate((-skew * Math.PI) / 180);
  ctx.drawImage(canvas, -canvas.width / 2, -canvas.height / 2);
  return { ...toGray(straight), scale, deskew: skew };
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
