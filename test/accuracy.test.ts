/**
 * The accuracy gate CI runs: a fixed sample of the generated accuracy set (every 4th report, in all four forms)
 * scored against its truth. Any silent wrong value, or a figure below the targets, fails. The whole set
 * is measured by `npm run accuracy` (ACCURACY.md).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addTally, emptyTally, pct, scoreResult, type Tally, type Truth } from '../src/accuracy/score.ts';
import { extractReport } from '../src/pipeline.ts';
import { ROOT } from './helpers/cli.ts';

const DIR = join(ROOT, 'fixtures/accuracy');
const names = readdirSync(DIR).filter((f) => f.endsWith('.truth.json')).map((f) => f.replace('.truth.json', '')).sort().filter((_, i) => i % 4 === 0);
const FORMATS = ['.txt', '.html', '.docx', '.pdf'];

describe('accuracy on the generated set (fixed sample)', () => {
  it('has a sample of at least 20 reports', () => expect(names.length).toBeGreaterThanOrEqual(20));

  it.each(FORMATS)('%s: no silent wrong value; fields ≥ 99.5%, score records ≥ 99%, flag recall 100%, precision ≥ 97%', async (ext) => {
    let t: Tally = emptyTally();
    for (const name of names) {
      const truth = JSON.parse(readFileSync(join(DIR, `${name}.truth.json`), 'utf8')) as Truth;
      const r = await extractReport(new Uint8Array(readFileSync(join(DIR, name + ext))), name + ext);
      t = addTally(t, scoreResult(name + ext, truth, r));
    }
    expect(t.problems.filter((p) => p.includes('[SILENT]'))).toEqual([]);
    expect(t.silentWrong).toBe(0);
    expect(pct(t.fieldsRight, t.fields)).toBeGreaterThanOrEqual(99.5);
    expect(pct(t.recordsRight, t.records)).toBeGreaterThanOrEqual(99);
    expect(pct(t.truthFlagsFound, t.truthFlags)).toBe(100);
    expect(pct(t.ourFlagsReal, t.ourFlags)).toBeGreaterThanOrEqual(97);
  });
});
