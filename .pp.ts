import { readFileSync } from 'node:fs';
import { extractDocument } from '/work/main/src/pipeline.ts';
const r = await extractDocument(new Uint8Array(readFileSync(process.argv[2])), 'x.pdf');
for (const [i, b] of r.value.blocks.entries()) {
  if (b.kind === 'paragraph') console.log(i, 'P', JSON.stringify(b.spans.map((s) => s.raw)).slice(0, 300));
  else for (const row of b.rows.slice(0, 4)) console.log(i, 'R', JSON.stringify(row.map((c) => c.spans.map((s) => s.raw).join('⏎'))).slice(0, 300));
}
