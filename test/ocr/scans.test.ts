/**
 * Scanned reports (fixtures/scans, made by fixtures/make/scans.ts from fixture PDFs: 200–300 dpi, rotated up to
 * 1.5°, noise and blur, one page and several, portrait and landscape, a signature block, a stamp over a score)
 * read end to end by OCR and scored against the source document's truth with targeted flags: a low-confidence
 * flag covers only the measure and field it names, the text-wide OCR flag covers no number.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scoreResult, type Truth } from '../../src/accuracy/score.ts';
import type { ExtractionResult } from '../../src/model/extraction-result.ts';
import { extractReport } from '../../src/pipeline.ts';
import { ROOT } from '../helpers/cli.ts';

const DIR = join(ROOT, 'fixtures/scans');
interface Scan { name: string; file: string; truth: string; pageCount: number; rotations: number[]; stamp?: unknown; signature?: boolean }
const manifest = JSON.parse(readFileSync(join(DIR, 'manifest.json'), 'utf8')) as Scan[];
const truthOf = (s: Scan) => JSON.parse(readFileSync(join(ROOT, 'fixtures', s.truth), 'utf8')) as Truth;
const serious = (r: ExtractionResult) => r.flags.filter((f) => f.severity !== 'info');

const results = new Map<string, Promise<ExtractionResult>>();
const read = (s: Scan) => {
  if (!results.has(s.name)) results.set(s.name, extractReport(new Uint8Array(readFileSync(join(DIR, s.file))), s.file));
  return results.get(s.name)!;
};

describe('scanned fixtures', () => {
  it('cover one page and many, landscape, 200 to 300 dpi, rotation, a signature and a stamp', () => {
    expect(manifest.some((s) => s.pageCount === 1)).toBe(true);
    expect(manifest.some((s) => s.pageCount >= 8)).toBe(true);
    expect(manifest.some((s) => s.name.includes('landscape'))).toBe(true);
    expect(manifest.some((s) => s.stamp) && manifest.some((s) => s.signature)).toBe(true);
    expect(Math.max(...manifest.flatMap((s) => s.rotations.map(Math.abs)))).toBeGreaterThanOrEqual(1.4);
  });

  it.each(manifest.map((s) => [s.name, s] as const))('%s: read by OCR; every measure found; every value right or flagged where it stands', { timeout: 120_000 }, async (_name, s) => {
    const r = await read(s);
    const truth = truthOf(s);
    expect(r.source.ocr).toBe(true);
    expect(r.messages.filter((m) => m.code === 'PAGE_OCR').length).toBe(s.pageCount);
    // Every measure of the document is found, with its number.
    expect(r.measures.map((m) => m.no)).toEqual(truth.measures.map((m) => m.no));
    const t = scoreResult(s.name, truth, r, { targeted: true });
    expect(t.problems.filter((p) => p.includes('[SILENT]'))).toEqual([]);
    expect(t.silentWrong).toBe(0);
    // The text read by tesseract alone is pointed at once, with the scanned pages.
    expect(r.flags.find((f) => f.code === 'EXTRACTION_LOW_CONFIDENCE' && f.target.field === 'text')?.pages).toEqual(Array.from({ length: s.pageCount }, (_, i) => i + 1));
  });

  it.each(manifest.map((s) => [s.name, s] as const))('%s: each score value is the truth\'s, or a flag names its measure (or summary indicator) and field', { timeout: 120_000 }, async (_name, s) => {
    const r = await read(s);
    const truth = truthOf(s);
    const fields = ['year', 'score', 'baselineYear', 'baselineScore', 'reportedChange'] as const;
    for (const ours of r.scores) {
      const want = truth.scores.find((x) => x.origin === ours.origin && x.measureNo === ours.measureNo && x.indicatorNo === ours.indicator.no);
      for (const f of fields) {
        if (ours[f] === null || ours[f] === want?.[f]) continue;
        // A value that differs from the source (or a record the source does not have) carries a flag on its place.
        const on = serious(r).filter((x) => x.target.field !== 'text' && x.target.measureNo === ours.measureNo && (ours.origin === 'measure' || x.target.indicatorNo === ours.indicator.no || x.target.indicatorNo === null));
        expect(on.map((x) => x.code), `${s.name} ${ours.origin} ${ours.measureNo ?? ''} indicator ${ours.indicator.no} ${f}: ${ours[f]} vs ${want?.[f]}`).not.toEqual([]);
      }
    }
    // No report comes out clean with a wrong number.
    if (serious(r).length === 0) expect(scoreResult(s.name, truth, r, { targeted: true }).recordsRight).toBe(truth.scores.length);
  });

  it('the seed scanned at 300 dpi gives the seed\'s measures and its measure scores, at most the flagged values differing', { timeout: 120_000 }, async () => {
    const s = manifest.find((x) => x.name === 'laharnsai-2568-scan300')!;
    const r = await read(s);
    const truth = truthOf(s);
    expect(r.measures.length).toBe(5);
    let right = 0;
    for (const want of truth.scores.filter((x) => x.origin === 'measure')) {
      const got = r.scores.find((x) => x.origin === 'measure' && x.measureNo === want.measureNo);
      const same = got && got.indicator.no === want.indicatorNo && got.score === want.score && got.baselineScore === want.baselineScore && got.year === want.year;
      if (same) right++;
      else expect(serious(r).some((f) => f.target.measureNo === want.measureNo), `measure ${want.measureNo}`).toBe(true);
    }
    // Some measure scores come through whole (2–4 of 5 in our runs: OCR of Thai digits is that fragile); the seed's
    // own inconsistent measure 1 is flagged, not accused.
    expect(right).toBeGreaterThanOrEqual(2);
    expect(r.flags.some((f) => f.code === 'CHANGE_MISMATCH')).toBe(false);
    expect(r.flags.find((f) => f.code === 'EXTRACTION_LOW_CONFIDENCE' && f.target.measureNo === 1 && f.target.field === 'reportedChange')?.message).toMatch(/ไม่สอดคล้อง/);
  });

  it('a stamp over a score: the score is not guessed; its measure is flagged with the box of what was seen', { timeout: 120_000 }, async () => {
    const s = manifest.find((x) => x.stamp)!;
    const r = await read(s);
    const f = r.flags.find((x) => x.code === 'SCORE_AMBIGUOUS' && x.target.measureNo === 2);
    expect(f?.evidence?.[0]?.page).toBe(2);
    expect(f?.evidence?.[0]?.bbox).toHaveLength(4);
    // What could be read is kept; what could not is left null, not guessed.
    const m2 = r.scores.find((x) => x.measureNo === 2);
    expect([null, 92]).toContain(m2?.score ?? null);
  });

  it('OCR\'d values carry their page, a box on the page as drawn and an OCR confidence', { timeout: 120_000 }, async () => {
    const s = manifest.find((x) => x.name === 'thamai-2568-scan200')!;
    const r = await read(s);
    const m1 = r.scores.find((x) => x.measureNo === 1)!;
    expect(m1.score).toBe(95.2);
    expect(m1.provenance.page).toBe(1);
    expect(m1.provenance.confidence).toBeGreaterThan(0.5);
    const box = m1.provenance.fields?.score?.bbox;
    // 95.20 stands at about x 445–481, y 619–631 pt on the scan as drawn (rotated −1.2°): the box is found there.
    expect(box?.[0]).toBeGreaterThan(420);
    expect(box?.[2]).toBeLessThan(500);
    expect(box?.[1]).toBeGreaterThan(600);
    expect(box?.[3]).toBeLessThan(650);
  });
});
