/**
 * Comparison under the seed's rules ("about" in fixtures/seed/*.expected.json): Thai text with all whitespace
 * removed, numbers exactly, provenance separately; every expected flag raised (same code and target), and no
 * other error or warning flag. Returns the differences, so a failing test says exactly what differs.
 */
import type { ExtractionResult } from '../../src/model/extraction-result.ts';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const squeeze = (s: string) => s.replace(/\s+/g, '');

/** Compares `expected` (a subset) with `actual`; strings without whitespace, arrays by index and length. */
export function diffSubset(expected: Json, actual: unknown, path = '$', out: string[] = []): string[] {
  if (expected === null || typeof expected !== 'object') {
    const same = typeof expected === 'string' && typeof actual === 'string' ? squeeze(expected) === squeeze(actual) : expected === actual;
    if (!same) out.push(`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
    return out;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [...out, `${path}: expected an array, got ${JSON.stringify(actual)}`];
    if (actual.length !== expected.length) out.push(`${path}: expected ${expected.length} items, got ${actual.length}`);
    expected.forEach((e, i) => diffSubset(e, actual[i], `${path}[${i}]`, out));
    return out;
  }
  if (typeof actual !== 'object' || actual === null) return [...out, `${path}: expected an object, got ${JSON.stringify(actual)}`];
  for (const [k, v] of Object.entries(expected)) {
    if (k === 'about' || k === 'why' || k === 'provenance') continue;
    diffSubset(v, (actual as Record<string, unknown>)[k], `${path}.${k}`, out);
  }
  return out;
}

export interface ExpectedFlag {
  code: string;
  target: { measureNo: number | null; indicatorNo: number | null; field: string | null };
  expected?: unknown;
}

const sameTarget = (a: ExpectedFlag['target'], b: ExpectedFlag['target']) =>
  a.measureNo === b.measureNo && a.indicatorNo === b.indicatorNo && a.field === b.field;

export function diffFlags(expected: ExpectedFlag[], actual: ExtractionResult['flags']): string[] {
  const out: string[] = [];
  for (const e of expected) {
    const hit = actual.find((a) => a.code === e.code && sameTarget(a.target, e.target));
    if (!hit) out.push(`missing flag ${e.code} ${JSON.stringify(e.target)}`);
    else if (e.expected !== undefined && JSON.stringify(hit.expected) !== JSON.stringify(e.expected)) {
      out.push(`flag ${e.code}: expected value ${JSON.stringify(e.expected)}, got ${JSON.stringify(hit.expected)}`);
    }
  }
  for (const a of actual) {
    if (a.severity === 'info') continue;
    if (!expected.some((e) => e.code === a.code && sameTarget(a.target, e.target))) {
      out.push(`unexpected ${a.severity} flag ${a.code} ${JSON.stringify(a.target)}: ${a.message}`);
    }
  }
  return out;
}

/** The whole comparison: fields as a subset, flags by the flag rules. */
export function diffResult(expected: Record<string, Json>, actual: ExtractionResult): string[] {
  const { flags, ...rest } = expected;
  return [...diffSubset(rest, actual), ...diffFlags((flags ?? []) as unknown as ExpectedFlag[], actual.flags)];
}
