/**
 * Every report in fixtures/variants/ against its NAME.expect.json (rules in fixtures/make/variants.ts), plus the
 * coverage promise: each flag one report can raise is raised by at least one fixture and by no clean one.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExtractionResult } from '../src/model/extraction-result.ts';
import { extractReport } from '../src/pipeline.ts';
import { ROOT } from './helpers/cli.ts';
import { diffResult } from './helpers/expected.ts';
import { contractErrors } from './helpers/schema.ts';

const DIR = join(ROOT, 'fixtures/variants');
const files = readdirSync(DIR).filter((f) => !f.endsWith('.expect.json')).sort();
const results = new Map<string, ExtractionResult>();

async function run(file: string) {
  if (!results.has(file)) results.set(file, await extractReport(new Uint8Array(readFileSync(join(DIR, file))), file));
  return results.get(file)!;
}
const expectationOf = (file: string) => JSON.parse(readFileSync(join(DIR, file.replace(/\.\w+$/, '.expect.json')), 'utf8'));

describe('variant fixtures', () => {
  it('has at least 15 variants', () => {
    expect(files.length).toBeGreaterThanOrEqual(15);
  });

  it.each(files)('%s', async (file) => {
    const result = await run(file);
    const expected = expectationOf(file);
    expect(contractErrors(result)).toEqual([]);
    const { clean, ...rest } = expected;
    expect(diffResult(rest, result)).toEqual([]);
    if (clean) expect(result.flags.map((f) => `${f.code}: ${f.message}`)).toEqual([]);
  });
});

describe('flag coverage', () => {
  const codes = [...readFileSync(join(ROOT, 'contract/flags.md'), 'utf8').matchAll(/^\| ([A-Z_]+) \|/gm)]
    .map((m) => m[1])
    .filter((c) => c !== 'DUPLICATE_SUBMISSION');

  it('reads the flag vocabulary from contract/flags.md', () => {
    expect(codes).toHaveLength(18);
  });

  it('every flag one report can raise is raised by some fixture (seed included) and by no clean fixture', async () => {
    const seed = await extractReport(new Uint8Array(readFileSync(join(ROOT, 'fixtures/seed/laharnsai-2568.mixed.txt'))), 'seed.txt');
    const raised = new Set<string>(seed.flags.map((f) => f.code));
    for (const file of files) {
      const r = await run(file);
      r.flags.forEach((f) => raised.add(f.code));
      if (expectationOf(file).clean) expect(r.flags).toEqual([]);
    }
    expect(codes.filter((c) => !raised.has(c))).toEqual([]);
  });
});
