/**
 * PDF geometry shared by the two readers of a page's drawing (content-stream.ts, our own pass; ruling-lines.ts,
 * pdf.js's operator list): transformation matrices, and the straight pieces of a path held as pdf.js holds it.
 */

export type Matrix = [number, number, number, number, number, number];
export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** m then n: the product of two PDF transformation matrices. */
export const mul = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2], m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2], m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4], m[4] * n[1] + m[5] * n[3] + n[5],
];

/** The point (x, y) under matrix m. */
export const apply = (m: Matrix, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];

/** A closed four-point path (a rectangle) at most 3 units across: the line along its middle. */
export function thinRect(b: Float32Array): [number, number, number, number] | null {
  if (b.length !== 13 || b[0] !== 0 || b[3] !== 1 || b[6] !== 1 || b[9] !== 1 || b[12] !== 4) return null;
  const xs = [b[1], b[4], b[7], b[10]];
  const ys = [b[2], b[5], b[8], b[11]];
  const [xmin, xmax, ymin, ymax] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  if (xmax - xmin > 3 && ymax - ymin > 3) return null;
  return xmax - xmin <= 3
    ? [(xmax + xmin) / 2, ymin, (xmax + xmin) / 2, ymax]
    : [xmin, (ymax + ymin) / 2, xmax, (ymax + ymin) / 2];
}

/**
 * The straight pieces of a painted path, under matrix `ctm`, handed to `segment` (x0, y0, x1, y1). The path is a
 * buffer as pdf.js builds it: 0 x y (move), 1 x y (line), 2 x1 y1 x2 y2 x y (curve), 3 x1 y1 x y (quadratic
 * curve), 4 (close). Curves are not rules: they only move the current point. A `filled` thin rectangle is one
 * piece along its middle rather than its four edges (LibreOffice and Word draw cell borders as either).
 */
export function pathSegments(b: Float32Array, filled: boolean, ctm: Matrix, segment: (x0: number, y0: number, x1: number, y1: number) => void): void {
  const seg = (x0: number, y0: number, x1: number, y1: number) => segment(...apply(ctm, x0, y0), ...apply(ctm, x1, y1));
  const rect = filled ? thinRect(b) : null;
  if (rect) {
    seg(...rect);
    return;
  }
  let x = 0, y = 0, sx = 0, sy = 0;
  for (let k = 0; k < b.length; ) {
    const op = b[k++];
    if (op === 0) { x = sx = b[k++]; y = sy = b[k++]; }
    else if (op === 1) { const nx = b[k++], ny = b[k++]; seg(x, y, nx, ny); x = nx; y = ny; }
    else if (op === 2) { k += 4; x = b[k++]; y = b[k++]; }
    else if (op === 3) { k += 2; x = b[k++]; y = b[k++]; }
    else if (op === 4) { seg(x, y, sx, sy); x = sx; y = sy; }
    else break;
  }
}
