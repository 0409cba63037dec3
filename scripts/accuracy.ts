/**
 * npm run accuracy [-- --sample N] [--write] [--verbose] [--dir DIR]
 * Extracts every document of the accuracy set (fixtures/accuracy: text, HTML, DOCX, PDF of each generated report)
 * and scores it against NAME.truth.json: per format, field %, score-record %, flag recall, flag precision and
 * silent wrong values. --write writes ACCURACY.md. Exits 1 when a target is missed or any value is silently wrong.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { addTally, emptyTally, pct, scoreResult, type Tally, type Truth } from '../src/accuracy/score.ts';
import { extractReport } from '../src/pipeline.ts';

export const TARGETS = { fields: 99.5, records: 99, recall: 100, precision: 97 };

const { values: args } = parseArgs({
  options: {
    sample: { type: 'string' }, write: { type: 'boolean', default: false }, verbose: { type: 'boolean', default: false },
    dir: { type: 'string', default: fileURLToPath(new URL('../fixtures/accuracy/', import.meta.url)) },
  },
});
const dir = args.dir!;
const FORMATS: Record<string, string> = { '.txt': 'text', '.html': 'html', '.docx': 'docx', '.pdf': 'pdf' };
let names = readdirSync(dir).filter((f) => f.endsWith('.truth.json')).map((f) => f.replace('.truth.json', '')).sort();
if (args.sample) {
  // A fixed sample: every k-th report, so the same files run in CI every time.
  const n = Number(args.sample);
  const step = Math.max(1, Math.floor(names.length / n));
  names = names.filter((_, i) => i % step === 0).slice(0, n);
}

const tallies = new Map<string, Tally>();
const counts = new Map<string, number>();
const started = Date.now();
for (const name of names) {
  const truth = JSON.parse(readFileSync(join(dir, `${name}.truth.json`), 'utf8')) as Truth;
  for (const [ext, format] of Object.entries(FORMATS)) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(join(dir, name + ext));
    } catch {
      continue;
    }
    const result = await extractReport(new Uint8Array(bytes), name + ext);
    counts.set(format, (counts.get(format) ?? 0) + 1);
    tallies.set(format, addTally(tallies.get(format) ?? emptyTally(), scoreResult(name + ext, truth, result)));
  }
}
const all = [...tallies.values()].reduce(addTally, emptyTally());
const row = (label: string, t: Tally) =>
  `| ${label} | ${counts.get(label) ?? names.length * tallies.size} | ${pct(t.fieldsRight, t.fields).toFixed(2)}% | ${pct(t.recordsRight, t.records).toFixed(2)}% | ${pct(t.truthFlagsFound, t.truthFlags).toFixed(2)}% | ${pct(t.ourFlagsReal, t.ourFlags).toFixed(2)}% | ${t.silentWrong} |`;
const missed = (t: Tally) => [
  pct(t.fieldsRight, t.fields) < TARGETS.fields && `fields ${pct(t.fieldsRight, t.fields).toFixed(2)}% < ${TARGETS.fields}%`,
  pct(t.recordsRight, t.records) < TARGETS.records && `score records ${pct(t.recordsRight, t.records).toFixed(2)}% < ${TARGETS.records}%`,
  pct(t.truthFlagsFound, t.truthFlags) < TARGETS.recall && `flag recall ${pct(t.truthFlagsFound, t.truthFlags).toFixed(2)}% < ${TARGETS.recall}%`,
  pct(t.ourFlagsReal, t.ourFlags) < TARGETS.precision && `flag precision ${pct(t.ourFlagsReal, t.ourFlags).toFixed(2)}% < ${TARGETS.precision}%`,
  t.silentWrong > 0 && `${t.silentWrong} silent wrong value(s)`,
].filter((x): x is string => !!x);

const table = [
  '| format | reports | fields | score records | flag recall | flag precision | silent wrong values |',
  '|---|---|---|---|---|---|---|',
  ...[...tallies.entries()].map(([f, t]) => row(f, t)),
  row('**all**', all),
].join('\n');
const command = `npm run accuracy${args.sample ? ` -- --sample ${args.sample}` : ''}`;
console.log(table);
console.log(`\n${names.length} reports × ${tallies.size} formats in ${((Date.now() - started) / 1000).toFixed(1)} s`);
const failures = [...tallies.entries()].flatMap(([f, t]) => missed(t).map((m) => `${f}: ${m}`));
if (args.verbose || failures.length) {
  const lines = all.problems.filter((p) => args.verbose || /SILENT|missed|unexpected/.test(p));
  console.log(lines.slice(0, args.verbose ? 1000 : 60).join('\n'));
}
if (args.write) {
  const md = `# Accuracy

What \`${command}\` measured on the generated accuracy set (\`fixtures/accuracy/\`, written by
\`node fixtures/make/accuracy.ts\` from a phrasing grammar: ${names.length} reports, each as text, HTML, DOCX and
PDF from LibreOffice, with its truth). A value is **silently wrong** when it differs from the truth and no error or
warning flag points at it; that count must be 0.

Targets per format: fields ≥ ${TARGETS.fields}%, score records ≥ ${TARGETS.records}%, flag recall ${TARGETS.recall}%, flag precision ≥ ${TARGETS.precision}%, 0 silent wrong values.

${table}

Machine: ${cpus()[0]?.model ?? 'unknown'}, ${availableParallelism()} cores, ${Math.round(totalmem() / 2 ** 30)} GiB; Node ${process.version}; ${new Date().toISOString().slice(0, 10)}.

${failures.length ? `Missed:\n${failures.map((f) => `- ${f}`).join('\n')}\n` : 'Every target met.\n'}
How the numbers are counted: \`src/accuracy/score.ts\`. The real-sentence tests (\`test/parse/real-phrasings.test.ts\`)
and the property tests (\`test/parse/properties.test.ts\`) cover what a generator cannot: wording from public pages.
`;
  writeFileSync(fileURLToPath(new URL('../ACCURACY.md', import.meta.url)), md);
}
if (failures.length) {
  console.error(`accuracy targets missed:\n${failures.join('\n')}`);
  process.exit(1);
}
