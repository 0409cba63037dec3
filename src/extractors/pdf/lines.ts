/**
 * Text items → lines. Items whose baselines are within 2 pt form one line (THAI-TEXT-NOTES). Inside a line the
 * drawing order is kept unless it runs backwards by more than half the font size: sorting by x would move
 * zero-width marks (a tone mark drawn after its consonant shares its x) away from their syllable.
 */
import type { TextItem } from './text-items.ts';

export interface Line {
  items: TextItem[];
  text: string;
  bbox: [number, number, number, number];
  baseline: number;
  fontSize: number;
}

const BASELINE_TOLERANCE = 2;

export function groupLines(items: TextItem[]): Line[] {
  const sorted = [...items].sort((a, b) => a.baseline - b.baseline || a.order - b.order);
  const groups: TextItem[][] = [];
  for (const it of sorted) {
    const g = groups[groups.length - 1];
    if (g && Math.abs(it.baseline - g[0].baseline) <= BASELINE_TOLERANCE) g.push(it);
    else groups.push([it]);
  }
  return groups.map(makeLine).sort((a, b) => a.baseline - b.baseline || a.bbox[0] - b.bbox[0]);
}

export function makeLine(group: TextItem[]): Line {
  const byOrder = [...group].sort((a, b) => a.order - b.order);
  const fontSize = Math.max(...group.map((i) => i.fontSize));
  const monotonic = byOrder.every((it, i) => i === 0 || it.bbox[0] >= byOrder[i - 1].bbox[0] - fontSize * 0.5);
  const ordered = monotonic ? byOrder : [...group].sort((a, b) => (Math.abs(a.bbox[0] - b.bbox[0]) < 1 ? a.order - b.order : a.bbox[0] - b.bbox[0]));
  let text = '';
  let prev: TextItem | null = null;
  for (const it of ordered) {
    // A real gap between two items is a space unless one side already has one; touching items join directly.
    const gap = it.spaceBefore ?? (prev !== null && it.bbox[0] - prev.bbox[2] > fontSize * 0.2);
    if (prev && gap && !/\s$/.test(text) && !/^\s/.test(it.str)) text += ' ';
    text += it.str;
    prev = it;
  }
  return {
    items: ordered,
    text: text.replace(/\s+/g, ' ').trim(),
    bbox: [
      Math.min(...group.map((i) => i.bbox[0])), Math.min(...group.map((i) => i.bbox[1])),
      Math.max(...group.map((i) => i.bbox[2])), Math.max(...group.map((i) => i.bbox[3])),
    ],
    baseline: Math.min(...group.map((i) => i.baseline)),
    fontSize,
  };
}
