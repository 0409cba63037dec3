import { readFileSync } from 'node:fs';
import { extractReport } from '/work/main/src/pipeline.ts';
for (const f of ['ita-result-announcement.html', 'oit-checklist.html']) {
  const r = await extractReport(new Uint8Array(readFileSync('/work/main/fixtures/variants/' + f)), f);
  console.log(f, r.report, r.measures.length, r.scores.map((s) => [s.origin, s.score]), r.flags.map((x) => x.code));
}
