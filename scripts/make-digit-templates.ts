/**
 * src/extractors/ocr/digit-templates.json: the glyphs the second-look digit reader compares against. Each Thai
 * and Arabic digit is drawn in the Thai fonts of fonts-thai-tlwg (Laksaman is the free TH Sarabun; Garuda, Loma,
 * Norasi, Kinnari, Waree, Umpush, Sawasdee cover the other faces offices use), regular and bold, at two sizes,
 * sharp and blurred as a scanner blurs, and described by the same features the reader measures on a scan.
 * Needs fonts-thai-tlwg; the output is committed. Run: node scripts/make-digit-templates.ts
 */
import { writeFileSync } from 'node:fs';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import { glyphFeatures, type Template } from '../src/extractors/ocr/digits.ts';

const DIR = '/usr/share/fonts/truetype/tlwg/';
const FACES = ['Laksaman', 'Garuda', 'Loma', 'Norasi', 'Kinnari', 'Waree', 'Umpush', 'Sawasdee'];
const DIGITS = [...'๐๑๒๓๔๕๖๗๘๙0123456789'];

function inkBox(data: Uint8Array, w: number, h: number): [number, number, number, number] | null {
  let [x0, y0, x1, y1] = [w, h, -1, -1];
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) if (data[y * w + x] < 140) {
    x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y);
  }
  return x1 < 0 ? null : [x0, y0, x1, y1];
}

function draw(face: string, weight: string, size: number, ch: string, blur: number) {
  const W = size * 3;
  const H = size * 3;
  const c = createCanvas(W, H);
  const ctx = c.getContext('2d');
  ctx.fillStyle = 'white';
  ctx.fillRect(0, 0, W, H);
  if (blur) ctx.filter = `blur(${blur}px)`;
  ctx.fillStyle = 'black';
  ctx.font = `${weight} ${size}px ${face}`;
  ctx.textBaseline = 'alphabetic';
  const baseline = Math.round(H * 0.6);
  ctx.fillText(ch, size, baseline);
  const rgba = ctx.getImageData(0, 0, W, H).data;
  const data = new Uint8Array(W * H);
  for (let i = 0; i < data.length; i++) data[i] = rgba[i * 4];
  return { g: { data, width: W, height: H }, baseline };
}

const out: Template[] = [];
for (const face of FACES) {
  for (const weight of ['normal', 'bold']) {
    let registered = false;
    for (const file of [`${face}.ttf`, `${face}-Bold.ttf`]) registered = !!GlobalFonts.registerFromPath(DIR + file, face) || registered;
    if (!registered) throw new Error(`font ${face} not found in ${DIR} (apt-get install fonts-thai-tlwg)`);
    for (const size of [44, 72]) {
      // The x-height a line of this face has: the ink height of sara aa (า), which stands on the baseline.
      const aa = draw(face, weight, size, 'า', 0);
      const aaBox = inkBox(aa.g.data, aa.g.width, aa.g.height)!;
      const xHeight = aaBox[3] - aaBox[1] + 1;
      for (const blur of [0, size / 40]) {
        for (const ch of DIGITS) {
          const d = draw(face, weight, size, ch, blur);
          const box = inkBox(d.g.data, d.g.width, d.g.height);
          if (!box) continue;
          out.push({ ch, f: glyphFeatures(d.g, box, { baseline: d.baseline, xHeight }).map((v) => Math.round(v * 1000) / 1000) });
        }
      }
    }
  }
}
writeFileSync(new URL('../src/extractors/ocr/digit-templates.json', import.meta.url), JSON.stringify(out));
console.log(`${out.length} templates`);
