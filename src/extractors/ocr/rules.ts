/**
 * Table rules found on a (straightened) scanned page: long runs of dark pixels, across for horizontal rules and
 * down for vertical ones. A run may skip a few light pixels (scanner noise, a blurred joint); runs on neighbouring
 * rows (columns) that overlap are one rule, as thick as the pen. The result is the same Rule list the PDF path
 * takes from drawing operators, in points on the straightened page, so the same layout makes cells of it.
 */
import type { Rule } from '../pdf/ruling-lines.ts';
import type { Gray } from './bitmap.ts';

/** Thin rules come out light grey from a 200 dpi scan with blur: darker than paper is enough. */
const DARK = 200;
/** Light pixels a run may skip. */
const GAP = 4;

interface Run { at: number; from: number; to: number }

/** Paper: a pixel this light or lighter is no ink and no tint. */
const PAPER = 215;

function runs(g: Gray, dir: 'h' | 'v', minLength: number, reach: number): Run[] {
  const out: Run[] = [];
  const [outer, inner] = dir === 'h' ? [g.height, g.width] : [g.width, g.height];
  const px = dir === 'h' ? (o: number, i: number) => g.data[o * g.width + i] : (o: number, i: number) => g.data[i * g.width + o];
  // A rule is a thin line: paper lies within `reach` on one side of it at least. A tinted area (a stamp's fill, a
  // shaded cell) is dark on both sides and draws no rule.
  const thin = (o: number, i: number) => (o - reach < 0 || px(o - reach, i) >= PAPER) || (o + reach >= outer || px(o + reach, i) >= PAPER);
  for (let o = 0; o < outer; o++) {
    let start = -1;
    let lastDark = -1;
    for (let i = 0; i <= inner; i++) {
      const dark = i < inner && px(o, i) < DARK && thin(o, i);
      if (dark) {
        if (start < 0 || i - lastDark > GAP + 1) {
          if (start >= 0 && lastDark - start >= minLength) out.push({ at: o, from: start, to: lastDark });
          start = i;
        }
        lastDark = i;
      } else if (i === inner && start >= 0 && lastDark - start >= minLength) out.push({ at: o, from: start, to: lastDark });
    }
  }
  return out;
}

/** Runs on adjacent rows (columns) that overlap by half their length → one rule through their middle. */
function merge(rs: Run[], maxThickness: number): Run[] {
  const groups: Run[][] = [];
  for (const r of rs) {
    const g = groups.find((gr) => {
      const last = gr[gr.length - 1];
      const overlap = Math.min(last.to, r.to) - Math.max(last.from, r.from);
      return r.at - last.at <= 1 && overlap >= Math.min(last.to - last.from, r.to - r.from) / 2;
    });
    if (g) g.push(r);
    else groups.push([r]);
  }
  return groups
    .filter((g) => g[g.length - 1].at - g[0].at + 1 <= maxThickness)
    .map((g) => ({ at: (g[0].at + g[g.length - 1].at) / 2, from: Math.min(...g.map((r) => r.from)), to: Math.max(...g.map((r) => r.to)) }));
}

/**
 * Rules at least `minPt` points long (horizontal: 1.5× that) and at most 3 pt thick. Letters are shorter than that;
 * a solid block (a stamp, a signature's fill) is thicker and is left out.
 */
export function bitmapRules(g: Gray, scale: number, minPt = 24): Rule[] {
  const maxThickness = Math.max(3, Math.round(3 * scale));
  const h = merge(runs(g, 'h', minPt * 1.5 * scale, maxThickness), maxThickness).map((r): Rule => ({ dir: 'h', at: r.at / scale, from: r.from / scale, to: r.to / scale }));
  const v = merge(runs(g, 'v', minPt * scale, maxThickness), maxThickness).map((r): Rule => ({ dir: 'v', at: r.at / scale, from: r.from / scale, to: r.to / scale }));
  // A short vertical stroke that meets no horizontal rule at either end is part of a drawing (a stamp's ring, a
  // bracket), not a column boundary: table rules run from rule to rule.
  const meets = (x: number, y: number) => h.some((r) => Math.abs(r.at - y) <= 6 && x >= r.from - 6 && x <= r.to + 6);
  return [...h, ...v.filter((r) => r.to - r.from >= 100 || (meets(r.at, r.from) && meets(r.at, r.to)))];
}
