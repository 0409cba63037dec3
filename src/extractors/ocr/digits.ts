/**
 * The second look at numbers: an independent digit reader for the tokens tesseract read as numbers. tesseract's
 * Thai model gets 45–49% of Thai digits wrong (THAI-TEXT-NOTES: ๖ read as ๒, ๘ as ๕, at 99% confidence), and
 * asking tesseract again (a crop, a digit whitelist) repeats its own mistakes. This reader works differently: it cuts
 * the token into glyphs where the ink leaves a blank column, describes each glyph by its shape on a 10×10 grid and
 * where it stands against the line's baseline and x-height, and takes the nearest of the glyphs rendered from the
 * Thai fonts of fonts-thai-tlwg (digit-templates.json, made by scripts/make-digit-templates.ts). A glyph it cannot
 * tell apart clearly reads as "?", so the two readings disagree and the value is flagged, never guessed.
 */
import { readFileSync } from 'node:fs';
import { thaiDigitsToArabic } from '../../normalize/rules.ts';
import type { Gray } from './bitmap.ts';

export const GRID = 10;
const INK = 140;

export interface Template { ch: string; f: number[] }

/** What the features are measured against: the line's baseline (y, pixels) and its x-height (pixels). */
export interface LineFrame { baseline: number; xHeight: number }

/** Shape (GRID×GRID ink fractions over the glyph's own box) and place (top, bottom, width against the frame). */
export function glyphFeatures(g: Gray, box: [number, number, number, number], frame: LineFrame): number[] {
  const [x0, y0, x1, y1] = box;
  const w = x1 - x0 + 1;
  const h = y1 - y0 + 1;
  const f: number[] = [];
  for (let gy = 0; gy < GRID; gy++) {
    for (let gx = 0; gx < GRID; gx++) {
      const ya = y0 + Math.floor((gy * h) / GRID);
      const yb = Math.max(ya + 1, y0 + Math.floor(((gy + 1) * h) / GRID));
      const xa = x0 + Math.floor((gx * w) / GRID);
      const xb = Math.max(xa + 1, x0 + Math.floor(((gx + 1) * w) / GRID));
      let ink = 0;
      for (let y = ya; y < yb; y++) for (let x = xa; x < xb; x++) if (g.data[y * g.width + x] < INK) ink++;
      f.push(ink / ((yb - ya) * (xb - xa)));
    }
  }
  f.push((frame.baseline - y0) / frame.xHeight, (frame.baseline - y1) / frame.xHeight, w / frame.xHeight);
  return f;
}

/** Weight of the three place features against the 100 shape cells. */
const PLACE_WEIGHT = 6;

function distance(a: number[], b: number[]): number {
  let d = 0;
  const n = GRID * GRID;
  for (let i = 0; i < n; i++) d += (a[i] - b[i]) ** 2;
  for (let i = n; i < a.length; i++) d += PLACE_WEIGHT * (a[i] - b[i]) ** 2;
  return d;
}

let templates: Template[] | null = null;
function loadTemplates(): Template[] {
  templates ??= JSON.parse(readFileSync(new URL('./digit-templates.json', import.meta.url), 'utf8')) as Template[];
  return templates;
}

const valueOf = thaiDigitsToArabic;

/**
 * The nearest template's character, or "?" when the nearest template of another digit value is almost as near
 * (๐ and 0 are one value: which of the two was drawn changes nothing).
 */
export function classifyGlyph(f: number[], set = loadTemplates()): { ch: string; margin: number; distance: number } {
  let best = Infinity;
  let bestCh = '?';
  const perValue = new Map<string, number>();
  for (const t of set) {
    const d = distance(f, t.f);
    const v = valueOf(t.ch);
    if (d < (perValue.get(v) ?? Infinity)) perValue.set(v, d);
    if (d < best) [best, bestCh] = [d, t.ch];
  }
  let second = Infinity;
  for (const [v, d] of perValue) if (v !== valueOf(bestCh) && d < second) second = d;
  const margin = second / Math.max(best, 1e-6);
  return { ch: margin >= 1.2 ? bestCh : '?', margin, distance: best };
}

/** What the digit reader read, and how far left and right (pixels) the glyphs it took in reach. */
export interface DigitReading { text: string; x0: number; x1: number }

/** A glyph farther than this from every template is not a digit at all. */
const MAX_DISTANCE = 10;
/** A glyph outside tesseract's box joins the number only when it is at least this near a digit template. */
const NEIGHBOUR_DISTANCE = 4;

type Segment = [number, number];

/**
 * Reads the number in `box` (pixels on the straightened page). The ink between the line's tails and descenders is
 * cut into glyphs at blank columns. The glyphs whose middle lies in the box are the number; a digit right next to
 * them (closer than a word space) that tesseract's box left out is taken in too, so a dropped digit shows as a
 * longer reading. A small glyph on the baseline is a decimal point. "?" marks a glyph that is not clearly a digit.
 */
export function readDigits(g: Gray, box: [number, number, number, number], frame: LineFrame): DigitReading {
  const xh = frame.xHeight;
  const top = Math.max(0, Math.round(frame.baseline - xh * 1.75));
  const bottom = Math.min(g.height - 1, Math.round(frame.baseline + xh * 0.45));
  const lo = Math.max(0, Math.round(box[0] - xh * 1.5));
  const hi = Math.min(g.width - 1, Math.round(box[2] + xh * 1.5));
  const inkIn = (x: number) => {
    let n = 0;
    for (let y = top; y <= bottom; y++) if (g.data[y * g.width + x] < INK) n++;
    return n;
  };
  const segments: Segment[] = [];
  let start = -1;
  for (let x = lo; x <= hi + 1; x++) {
    const ink = x <= hi ? inkIn(x) : 0;
    if (ink > 0 && start < 0) start = x;
    if (ink === 0 && start >= 0) {
      segments.push([start, x - 1]);
      start = -1;
    }
  }
  const read = (seg: Segment, maxDistance = MAX_DISTANCE): string | null => {
    const [sx0, sx1] = seg;
    let sy0 = bottom;
    let sy1 = top;
    let total = 0;
    for (let y = top; y <= bottom; y++) {
      for (let x = sx0; x <= sx1; x++) {
        if (g.data[y * g.width + x] < INK) {
          total++;
          if (y < sy0) sy0 = y;
          if (y > sy1) sy1 = y;
        }
      }
    }
    if (total < Math.max(3, (xh * xh) / 400)) return null; // a speck of noise
    const h = sy1 - sy0 + 1;
    if (h < xh * 0.4 && sx1 - sx0 + 1 < xh * 0.5) {
      // Low and small: a decimal point on the baseline; anything else small is not part of a number.
      return Math.abs(sy1 - frame.baseline) < xh * 0.35 ? '.' : '?';
    }
    const c = classifyGlyph(glyphFeatures(g, [sx0, sy0, sx1, sy1], frame));
    return c.distance > maxDistance ? '?' : c.ch;
  };
  const mid = (s: Segment) => (s[0] + s[1]) / 2;
  const first = segments.findIndex((s) => mid(s) >= box[0] && mid(s) <= box[2]);
  if (first < 0) return { text: '', x0: box[0], x1: box[2] };
  let last = first;
  while (last + 1 < segments.length && mid(segments[last + 1]) <= box[2]) last++;
  const parts = segments.slice(first, last + 1).map((seg) => read(seg));
  // Neighbours closer than a word space that read as digits (or a point between digits) belong to the number too:
  // tesseract often leaves a digit or the point out of its word. A neighbour must look much like a digit: Thai
  // letters next to a number (ใน, ไ) come close to ๑ or 1.
  const near = (a: Segment, b: Segment) => b[0] - a[1] < xh * 0.45;
  const numeric = (ch: string | null) => !!ch && /^[0-9๐-๙.]$/u.test(ch);
  const left: Array<[string, Segment]> = [];
  // A glyph right against the number that looks somewhat like a digit, but not enough to take in, leaves the
  // number's extent in doubt (๒ of ๒๓ missed by both readers would give 3): the reading is marked "?".
  let doubt = false;
  const doubtful = (seg: Segment, gap: number) => gap < xh * 0.3 && /^[0-9๐-๙]$/u.test(read(seg) ?? '');
  for (let i = first - 1; i >= 0 && near(segments[i], segments[i + 1]); i--) {
    const ch = read(segments[i], NEIGHBOUR_DISTANCE);
    if (!numeric(ch)) {
      doubt ||= doubtful(segments[i], segments[i + 1][0] - segments[i][1]);
      break;
    }
    left.unshift([ch!, segments[i]]);
  }
  const right: Array<[string, Segment]> = [];
  for (let i = last + 1; i < segments.length && near(segments[i - 1], segments[i]); i++) {
    const ch = read(segments[i], NEIGHBOUR_DISTANCE);
    if (!numeric(ch)) {
      doubt ||= doubtful(segments[i], segments[i][0] - segments[i - 1][1]);
      break;
    }
    right.push([ch!, segments[i]]);
  }
  // A point is part of the number only between digits ("พ.ศ." before a year, a full stop after it, are not).
  while (left[0]?.[0] === '.') left.shift();
  while (right[right.length - 1]?.[0] === '.') right.pop();
  return {
    text: (doubt ? '?' : '') + [...left.map((l) => l[0]), ...parts.filter((p) => p !== null), ...right.map((r) => r[0])].join(''),
    x0: Math.min(box[0], left[0]?.[1][0] ?? Infinity),
    x1: Math.max(box[2], right[right.length - 1]?.[1][1] ?? -Infinity),
  };
}
