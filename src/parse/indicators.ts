/**
 * The official ITA indicator list (reference/ita-indicators.json, from the NACC framework) and matching of the
 * names reports write to it: exact official wording, a known variant, or a close spelling (edit distance).
 * Matching ignores whitespace, since wrapped cells split names ("การแก้ไข ปัญหาการทุจริต").
 */
import { readFileSync } from 'node:fs';
import type { MatchKind } from '../model/score-record.ts';
import { squeeze } from './text-view.ts';

export interface Indicator {
  no: number;
  tool: string;
  name: string;
  variants: string[];
}

interface Framework {
  years: number[];
  indicators: Indicator[];
}

const reference = JSON.parse(
  readFileSync(new URL('../../reference/ita-indicators.json', import.meta.url), 'utf8'),
) as { frameworks: Framework[] };

/** The framework of an assessment year; the nearest one when the year is outside every framework. */
export function frameworkFor(year: number | null): Framework {
  const fws = reference.frameworks;
  if (year !== null) {
    const exact = fws.find((f) => f.years.includes(year));
    if (exact) return exact;
    return [...fws].sort((a, b) => dist(a, year) - dist(b, year))[0];
  }
  return fws[fws.length - 1];
}
const dist = (f: Framework, y: number) => Math.min(...f.years.map((fy) => Math.abs(fy - y)));

export function indicatorByNo(no: number, year: number | null): Indicator | undefined {
  return frameworkFor(year).indicators.find((i) => i.no === no);
}


export interface IndicatorMatch {
  indicator: Indicator;
  /** The name as the document writes it (whitespace from line wraps removed). */
  statedName: string;
  kind: MatchKind;
  /** Offsets of the match in the searched text. */
  start: number;
  end: number;
}

/** Every official name or variant that occurs in `text`, longest first at each place, in text order. */
export function findIndicatorNames(text: string, year: number | null): IndicatorMatch[] {
  const sq = squeeze(text);
  const found: IndicatorMatch[] = [];
  for (const ind of frameworkFor(year).indicators) {
    for (const [name, kind] of [[ind.name, 'official'], ...ind.variants.map((v) => [v, 'variant'])] as Array<[string, MatchKind]>) {
      const needle = name.replace(/\s+/g, '');
      for (let at = sq.text.indexOf(needle); at >= 0; at = sq.text.indexOf(needle, at + 1)) {
        found.push({ indicator: ind, statedName: needle, kind, start: sq.index[at], end: sq.index[at + needle.length - 1] + 1 });
      }
    }
  }
  // Where names overlap (การใช้ทรัพย์สินของราชการ inside การใช้ทรัพย์สินของทางราชการ…), keep the longest.
  found.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  const kept: IndicatorMatch[] = [];
  for (const m of found) {
    const last = kept[kept.length - 1];
    if (last && m.start < last.end) continue;
    kept.push(m);
  }
  return kept;
}

/** Matches a stated name that is not verbatim in the list: close enough to one name or variant, or nothing. */
export function matchStatedName(stated: string, year: number | null): IndicatorMatch | null {
  const exact = findIndicatorNames(stated, year)[0];
  if (exact) return exact;
  const s = stated.replace(/\s+/g, '');
  if (s.length < 4) return null;
  let best: { ind: Indicator; d: number; len: number } | null = null;
  for (const ind of frameworkFor(year).indicators) {
    for (const name of [ind.name, ...ind.variants]) {
      const n = name.replace(/\s+/g, '');
      const within = Math.max(1, Math.floor(n.length * 0.15));
      const d = levenshtein(s, n, within);
      if (d <= within && (!best || d < best.d)) best = { ind, d, len: n.length };
    }
  }
  return best ? { indicator: best.ind, statedName: s, kind: 'fuzzy', start: 0, end: stated.length } : null;
}

/**
 * Edit distance of a and b. With `max`, a distance over max is not worked out: max + 1 is returned as soon as it
 * is certain (the lengths differ by more, or a whole row of the table exceeds it). The callers only compare with a
 * threshold, and the full table on two long table rows was 8% of the pipeline's time (issue 10).
 */
export function levenshtein(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const prev = new Int32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      const v = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (ca === b.charCodeAt(j - 1) ? 0 : 1));
      prev[j] = v;
      if (v < rowMin) rowMin = v;
      diag = tmp;
    }
    if (rowMin > max) return max + 1;
  }
  return prev[b.length];
}
