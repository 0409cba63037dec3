/**
 * The accuracy gate CI runs: a fixed sample of the generated accuracy sets (every 4th report, in all five forms)
 * scored against its truth. Any silent wrong value, or a figure below the targets, fails. The whole set
 * is measured by `npm run accuracy` (ACCURACY.md).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addTally, emptyTally, pct, scoreResult, type Tally, type Truth } from '../src/accuracy/score.ts';
import { extractReport } from '../src/pipeline.ts';
import { ROOT } from './helpers/cli.ts';

// All grammars: A, and B and C (other authors' wording, each measured before the parser saw it).
const samples = ['fixtures/accuracy', 'fixtures/accuracy-b', 'fixtures/accuracy-c'].flatMap((d) =>
  readdirSync(join(ROOT, d)).filter((f) => f.endsWith('.truth.json')).sort().filter((_, i) => i % 4 === 0).map((f) => join(ROOT, d, f.replace('.truth.json', ''))));
const FORMATS = ['.txt', '.html', '.docx', '.pdf', '.web.pdf'];

describe('accuracy on the generated set (fixed sample)', () => {
  it('has a sample of at least 40 reports', () => expect(samples.length).toBeGreaterThanOrEqual(40));

  it.each(FORMATS)('%s: no silent wrong value; fields ≥ 99.5%, score records ≥ 99%, flag recall 100%, precision ≥ 97%', async (ext) => {
    let t: Tally = emptyTally();
    for (const base of samples) {
      const truth = JSON.parse(readFileSync(`${base}.truth.json`, 'utf8')) as Truth;
      const r = await extractReport(new Uint8Array(readFileSync(base + ext)), basename(base) + ext);
      t = addTally(t, scoreResult(basename(base) + ext, truth, r));
    }
    expect(t.problems.filter((p) => p.includes('[SILENT]'))).toEqual([]);
    expect(t.silentWrong).toBe(0);
    expect(pct(t.fieldsRight, t.fields)).toBeGreaterThanOrEqual(99.5);
    expect(pct(t.recordsRight, t.records)).toBeGreaterThanOrEqual(99);
    expect(pct(t.truthFlagsFound, t.truthFlags)).toBe(100);
    expect(pct(t.ourFlagsReal, t.ourFlags)).toBeGreaterThanOrEqual(97);
  });
});
