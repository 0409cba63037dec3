import { describe, expect, it } from 'vitest';
import { extractHtml } from '../../src/extractors/html.ts';
import { extractText, splitRow } from '../../src/extractors/text.ts';
import type { Table } from '../../src/model/document.ts';

const cellText = (t: Table) => t.rows.map((r) => r.map((c) => c.spans.map((s) => s.raw).join('/')));

describe('extractHtml', () => {
  it('expands colspan and rowspan into a grid, the spanned slots empty', () => {
    const doc = extractHtml('<table><tr><td rowspan="2">A</td><td colspan="2">B</td></tr><tr><td>C</td><td>D</td></tr></table>').value;
    expect(cellText(doc.blocks[0] as Table)).toEqual([['A', 'B', ''], ['', 'C', 'D']]);
  });

  it('keeps <p> and <br> inside a cell as separate lines (never glued)', () => {
    const doc = extractHtml('<table><tr><td><p>ประจำปี</p><p>2) สร้าง</p>x<br>y</td></tr></table>').value;
    expect(cellText(doc.blocks[0] as Table)).toEqual([['ประจำปี/2) สร้าง/x/y']]);
  });

  it('drops navigation, scripts and styles, keeps headings and paragraphs as blocks in order', () => {
    const doc = extractHtml('<nav>เมนู</nav><h1>หัวเรื่อง</h1><script>x()</script><p>ย่อหน้า</p><table><tr><td>ก</td></tr></table><p>ท้าย</p>').value;
    expect(doc.blocks.map((b) => b.kind)).toEqual(['paragraph', 'paragraph', 'table', 'paragraph']);
    expect(doc.blocks.map((b) => b.prov.block)).toEqual([0, 1, 2, 3]);
  });

  it('does not read the rows of a nested table as rows of the outer one', () => {
    const doc = extractHtml('<table><tr><td>a<table><tr><td>inner</td></tr></table></td></tr></table>').value;
    expect((doc.blocks[0] as Table).rows).toHaveLength(1);
  });
});

describe('extractText', () => {
  it.each([
    ['a\tb\tc', ['a', 'b', 'c']],
    ['| a | b |', [' a ', ' b ']],
    ['no cells here', null],
    ['one\t', null],
  ])('splitRow(%j)', (line, cells) => {
    expect(splitRow(line)).toEqual(cells);
  });

  it('groups rows separated by blank lines into one table and keeps line provenance', () => {
    const doc = extractText('title\n\nh1\th2\nr1\tx\n\nh1\th2\nr2\ty\nafter').value;
    expect(doc.blocks.map((b) => b.kind)).toEqual(['paragraph', 'table', 'paragraph']);
    const t = doc.blocks[1] as Table;
    expect(t.rows.map((r) => r[0].prov.line)).toEqual([3, 4, 6, 7]);
  });
});
