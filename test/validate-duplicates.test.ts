/** DUPLICATE_SUBMISSION as a pure check over a batch's results. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractReport } from '../src/pipeline.ts';
import { checkDuplicateSubmissions } from '../src/validate/duplicates.ts';
import { ROOT } from './helpers/cli.ts';

describe('checkDuplicateSubmissions', () => {
  it('flags every file of an agency and year that came more than once, naming the others; not a lone report', async () => {
    const read = async (f: string) => {
      const bytes = new Uint8Array(readFileSync(join(ROOT, f)));
      const result = await extractReport(bytes, f);
      return { sha256: result.source.sha256, fileName: f, result };
    };
    const text = await read('fixtures/seed/laharnsai-2568.mixed.txt');
    const pdf = await read('fixtures/documents/laharnsai-2568.pdf');
    const other = await read('fixtures/documents/thamai-2568.pdf');
    const found = checkDuplicateSubmissions([text, pdf, other, { ...text }]);
    expect(found.map((f) => f.sha256).sort()).toEqual([text.sha256, pdf.sha256].sort());
    const onText = found.find((f) => f.sha256 === text.sha256)!.flag;
    expect(onText).toMatchObject({ code: 'DUPLICATE_SUBMISSION', severity: 'warning', target: { field: 'source' } });
    expect(onText.message).toContain('fixtures/documents/laharnsai-2568.pdf');
    expect(checkDuplicateSubmissions([other])).toEqual([]);
  });
});
