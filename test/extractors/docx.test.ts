import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { describe, expect, it } from 'vitest';
import { extractDocx } from '../../src/extractors/docx.ts';
import type { Table as ModelTable } from '../../src/model/document.ts';
import { ROOT } from '../helpers/cli.ts';

describe('extractDocx (mammoth → HTML → document model)', () => {
  it('keeps each paragraph of a cell as its own span, with block and paragraph provenance', async () => {
    const r = await extractDocx(new Uint8Array(readFileSync(join(ROOT, 'fixtures/documents/thamai-2568.docx'))), 'thamai-2568.docx');
    const table = r.value.blocks.find((b): b is ModelTable => b.kind === 'table')!;
    expect(table.rows[0].map((c) => c.spans.map((s) => s.raw).join(''))).toEqual([
      'มาตรการ/กิจกรรมที่ดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน',
      'สรุปผลการดำเนินการตามมาตรการหรือกิจกรรม',
      'ผลลัพธ์หรือความสำเร็จของการดำเนินการ',
    ]);
    const firstCell = table.rows[1][0].spans[0];
    expect(firstCell.prov).toMatchObject({ page: null, block: table.prov.block, paragraph: 1 });
  });

  it('never drops mammoth\'s messages: an unknown paragraph style is a warning on the result', async () => {
    const doc = new Document({
      styles: { paragraphStyles: [{ id: 'ITAOdd', name: 'ITA Odd Style', run: { bold: true } }] },
      sections: [{ children: [
        new Paragraph({ style: 'ITAOdd', children: [new TextRun('รายงานผล')] }),
        new Table({ rows: [new TableRow({ children: [new TableCell({ children: [new Paragraph('ก'), new Paragraph('ข')] })] })] }),
      ] }],
    });
    const r = await extractDocx(new Uint8Array(await Packer.toBuffer(doc)), 'styled.docx');
    expect(r.messages).toContainEqual(expect.objectContaining({ code: 'MAMMOTH_WARNING', severity: 'warning', text: expect.stringContaining('ITA Odd Style') }));
    const table = r.value.blocks.find((b): b is ModelTable => b.kind === 'table')!;
    expect(table.rows[0][0].spans.map((s) => s.raw)).toEqual(['ก', 'ข']);
  });
});
