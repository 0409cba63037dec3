import { readFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { markedContentByPage } from '/work/main/src/extractors/pdf/content-stream.ts';
const bytes = new Uint8Array(readFileSync(process.argv[2]));
const doc = await getDocument({ data: bytes.slice(), disableFontFace: true, verbosity: 0 }).promise;
const page = await doc.getPage(1);
const tc = await page.getTextContent({ includeMarkedContent: true, disableNormalization: true });
const marked = (await markedContentByPage(bytes))[0];
let k = 0;
const items = tc.items as any[];
const idx = items.findIndex((i) => 'str' in i && i.str.includes('ดอบรม'));
for (let i = Math.max(0, idx - 8); i < idx + 3; i++) { const it = items[i]; if ('type' in it) { console.log(i, it.type); } else console.log(i, JSON.stringify(it.str), it.transform[4].toFixed(1), it.width.toFixed(1)); }
console.log('marked with text', marked?.filter((m) => m.actualText).length, 'begins', items.filter((i) => 'type' in i && i.type.startsWith('begin')).length, marked?.length);
