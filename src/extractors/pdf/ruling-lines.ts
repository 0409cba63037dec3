/**
 * Table rules from the page's drawing operators: thin stroked paths or thin filled rectangles (LibreOffice and
 * Word draw cell borders either way). Paths in pdf.js's operator list are in the user space of the current
 * transformation matrix, so save/restore/transform are replayed to bring every point to page space.
 * Coordinates: PDF points, origin top-left.
 */
import type { PDFPageProxy } from 'pdfjs-dist/types/src/display/api.js';
import { IDENTITY, mul, pathSegments, type Matrix } from './paths.ts';
import { loadPdfJs } from './with-pdf-document.ts';

export interface Rule {
  /** 'v': x fixed, from y0 to y1; 'h': y fixed, from x0 to x1. */
  dir: 'v' | 'h';
  at: number;
  from: number;
  to: number;
}

type Ops = Awaited<ReturnType<typeof loadPdfJs>>['OPS'];
type OperatorList = Awaited<ReturnType<PDFPageProxy['getOperatorList']>>;

/**
 * Each operator of a page with the current transformation matrix in force after it: save/restore, transform and
 * form XObjects are replayed, since paths and images in pdf.js's operator list are in the user space of that
 * matrix. `visit` returning false stops the walk.
 */
export function walkOperators(ops: OperatorList, OPS: Ops, visit: (fn: number, args: any, ctm: Matrix) => boolean | void): void {
  let ctm: Matrix = IDENTITY;
  const saved: Matrix[] = [];
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i];
    const args = ops.argsArray[i];
    if (fn === OPS.save) saved.push(ctm);
    else if (fn === OPS.restore) ctm = saved.pop() ?? IDENTITY;
    else if (fn === OPS.transform) ctm = mul(args as Matrix, ctm);
    else if (fn === OPS.paintFormXObjectBegin) {
      saved.push(ctm);
      if (Array.isArray(args?.[0]) || ArrayBuffer.isView(args?.[0])) ctm = mul(Array.from(args[0] as number[]) as Matrix, ctm);
    } else if (fn === OPS.paintFormXObjectEnd) ctm = saved.pop() ?? IDENTITY;
    if (visit(fn, args, ctm) === false) return;
  }
}

/**
 * Rules at least `minLength` long and at most `maxThickness` thick, from candidate segments in default user space
 * (four numbers each: x0, y0, x1, y1; content-stream.ts gives them), on a page whose view box is `view`.
 */
export function rulesFromSegments(segments: ArrayLike<number>, view: number[], minLength = 6, maxThickness = 3): Rule[] {
  const [vx0, vy0, , vy1] = view;
  const pageHeight = vy1 - vy0;
  const rules: Rule[] = [];
  for (let k = 0; k + 3 < segments.length; k += 4) {
    const x0 = segments[k] - vx0, y0 = pageHeight - (segments[k + 1] - vy0);
    const x1 = segments[k + 2] - vx0, y1 = pageHeight - (segments[k + 3] - vy0);
    if (Math.abs(x1 - x0) <= maxThickness && Math.abs(y1 - y0) >= minLength) {
      rules.push({ dir: 'v', at: (x0 + x1) / 2, from: Math.min(y0, y1), to: Math.max(y0, y1) });
    } else if (Math.abs(y1 - y0) <= maxThickness && Math.abs(x1 - x0) >= minLength) {
      rules.push({ dir: 'h', at: (y0 + y1) / 2, from: Math.min(x0, x1), to: Math.max(x0, x1) });
    }
  }
  return rules;
}

/**
 * The same rules from pdf.js's operator list: for a page whose content streams could not be read by
 * content-stream.ts, and as the reference that reader is tested against. (Asking pdf.js for the operator list
 * evaluates the page a second time; the extractor no longer does it for every page: issue 10.)
 */
export async function rulingLines(page: PDFPageProxy, minLength = 6, maxThickness = 3): Promise<Rule[]> {
  const { OPS } = await loadPdfJs();
  const ops = await page.getOperatorList();
  const painting = new Set([OPS.stroke, OPS.closeStroke, OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  const segments: number[] = [];
  walkOperators(ops, OPS, (fn, args, ctm) => {
    if (fn !== OPS.constructPath) return;
    const [paint, [buffer]] = args as [number, [Float32Array | null]];
    if (!painting.has(paint) || !buffer) return;
    pathSegments(buffer, paint === OPS.fill || paint === OPS.eoFill, ctm, (x0, y0, x1, y1) => segments.push(x0, y0, x1, y1));
  });
  return rulesFromSegments(segments, page.view, minLength, maxThickness);
}

/** Whether the page paints any image (a scanned page does; a blank one does not). */
export async function hasImages(page: PDFPageProxy): Promise<boolean> {
  const { OPS } = await loadPdfJs();
  const images = new Set([OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageMaskXObject, OPS.paintImageXObjectRepeat, OPS.paintInlineImageXObjectGroup, OPS.paintImageMaskXObjectGroup, OPS.paintImageMaskXObjectRepeat, OPS.paintSolidColorImageMask]);
  const ops = await page.getOperatorList();
  return ops.fnArray.some((fn) => images.has(fn));
}
