/**
 * PDF → document model: text items with positions (pdf.js), ActualText overlay and table rules (one pass of our
 * own over the content streams, read with pdf-lib), then paragraphs and tables per page. Every span carries its page and
 * bbox (PDF points, origin top-left) and its drawn pieces, so a value can be highlighted where it was read.
 */
import { readingsAgree, type Block, type Cell, type DocumentModel, type OcrInfo, type Provenance, type Span } from '../../model/document.ts';
import { PermanentError } from '../../model/errors.ts';
import { result, type Message, type Result } from '../../model/result.ts';
import { EXTRACTION_LIMITS } from '../limits.ts';
import { unstraighten } from '../ocr/bitmap.ts';
import { ocrPage } from '../ocr/index.ts';
import { startOcrEngine } from '../ocr/tesseract.ts';
import { pdfBombReason } from './bomb-check.ts';
import { contentByPage, StreamBudgetError, type PageContent } from './content-stream.ts';
import { layoutPage, type LayoutState } from './layout.ts';
import type { Line } from './lines.ts';
import { hasImages, rulesFromSegments, rulingLines, type Rule } from './ruling-lines.ts';
import { pageText, type TextItem } from './text-items.ts';
import { withPdfDocument } from './with-pdf-document.ts';

export const MAX_PDF_PAGES = EXTRACTION_LIMITS.maxPdfPages;

function lineSpan(l: Line, prov: Provenance, wrapped: boolean): Span {
  return {
    text: l.text,
    raw: l.text,
    wrapped,
    prov: { ...prov, bbox: l.bbox.map((v) => Math.round(v * 100) / 100) as Provenance['bbox'], text: l.text },
    pieces: l.items.map((i) => ({ text: i.str, bbox: i.bbox, ...(i.confidence !== undefined ? { confidence: i.confidence } : {}) })),
  };
}

export async function extractPdf(bytes: Uint8Array, fileName: string): Promise<Result<DocumentModel>> {
  const bomb = pdfBombReason(bytes);
  if (bomb) throw new PermanentError(fileName, `a PDF that ${bomb} (a decompression bomb): not read`);
  const messages: Message[] = [];
  return withPdfDocument(bytes, fileName, async (pdf) => {
    // The page count first: nothing is decoded for a document refused by it.
    if (pdf.numPages > MAX_PDF_PAGES) {
      throw new PermanentError(fileName, `has ${pdf.numPages} pages, over the ${MAX_PDF_PAGES}-page limit for one report`);
    }
    const content = await readContent(bytes, messages, fileName);
    const blocks: Block[] = [];
    const state: LayoutState = { header: null, cols: null };
    const ocr: OcrInfo = { pages: [], headerOcr: false, numbers: [], ms: { render: 0, recognise: 0, digits: 0 } };
    /** Lines and rules of one page → blocks; `toPage` maps boxes back when the layout ran on a straightened scan. */
    const addPage = (p: number, items: TextItem[], rules: Rule[], toPage?: (b: [number, number, number, number]) => [number, number, number, number]) => {
      const first = blocks.length;
      for (const b of layoutPage(items, rules, state)) {
        const block = blocks.length;
        const prov: Provenance = { page: p, block };
        if (b.kind === 'paragraph') {
          blocks.push({ kind: 'paragraph', spans: b.lines.map((l, i) => lineSpan(l, prov, isWrap(b.lines, i))), prov: { ...prov, bbox: boxOf(b.lines) } });
        } else {
          // In a table cell every further line is taken as a wrap: cells are narrow and Thai breaks lines at word
          // boundaries well before the edge, so the right-edge test below would miss most of them.
          const rows: Cell[][] = b.rows.map((row) => row.map((lines) => ({ spans: lines.map((l, i) => lineSpan(l, prov, i > 0)), prov: { ...prov, bbox: boxOf(lines) } })));
          blocks.push({ kind: 'table', rows, prov });
        }
      }
      if (toPage) for (const b of blocks.slice(first)) mapBoxes(b, toPage);
    };
    for (let p = 1; p <= pdf.numPages; p++) {
      const page = await pdf.getPage(p);
      try {
        const own = content[p - 1] ?? null;
        const text = await pageText(page, own?.marked ?? null);
        if (text.items.length === 0) {
          // An image with no text is a scan to be read by OCR; a page with nothing drawn on it is simply blank.
          if (!(await hasImages(page))) {
            messages.push({ code: 'PAGE_BLANK', severity: 'info', text: `หน้า ${p} เป็นหน้าว่าง`, where: { page: p } });
          } else if (ocr.pages.length >= EXTRACTION_LIMITS.maxOcrPages) {
            messages.push({ code: 'PAGE_WITHOUT_TEXT', severity: 'warning', text: `หน้า ${p} เป็นภาพสแกนที่ไม่ได้อ่าน: เกิน ${EXTRACTION_LIMITS.maxOcrPages} หน้าที่อ่านด้วย OCR ได้ต่อรายงาน (scanned page not read: over the OCR page limit)`, where: { page: p } });
          } else {
            // One engine a page: its WebAssembly memory (~150 MB once a page is read) is given back before the
            // next page is rendered, so the two never add up (a 20-page scan: 543 → 492 MB peak, 10% slower).
            const engine = await startOcrEngine();
            const o = await ocrPage(page, p, engine).finally(() => engine.end());
            ocr.pages.push(p);
            ocr.numbers.push(...o.numbers);
            for (const k of ['render', 'recognise', 'digits'] as const) ocr.ms[k] += o.ms[k];
            const unsure = o.numbers.filter((n) => !readingsAgree(n)).length;
            messages.push({ code: 'PAGE_OCR', severity: 'info', text: `หน้า ${p} เป็นภาพสแกน อ่านด้วย OCR (เอียง ${o.image.deskew}°): ${o.items.length} คำ, ตัวเลข ${o.numbers.length} ค่า อ่านสองครั้งไม่ตรงกัน ${unsure} ค่า`, where: { page: p } });
            if (!blocks.length) ocr.headerOcr = true;
            addPage(p, o.items, o.rules, (b) => unstraighten(o.image, b));
          }
          continue;
        }
        if (!text.actualTextApplied && own?.marked.some((m) => m.actualText !== null)) {
          messages.push({ code: 'ACTUALTEXT_NOT_PAIRED', severity: 'info', text: `page ${p}: ActualText present but not paired with the text items`, where: { page: p } });
        }
        // Rules from our own pass over the content streams; pdf.js's operator list only where that pass failed.
        addPage(p, text.items, own ? rulesFromSegments(own.segments, page.view) : await rulingLines(page));
      } finally {
        page.cleanup();
      }
    }
    return result<DocumentModel>({ format: 'pdf', pages: pdf.numPages, blocks, ...(ocr.pages.length ? { ocr } : {}) }, messages);
  });
}

/** Every box of a block laid out on a straightened scan, mapped back to the page as drawn. */
function mapBoxes(b: Block, toPage: (b: [number, number, number, number]) => [number, number, number, number]) {
  const prov = (p: Provenance) => { if (p.bbox) p.bbox = toPage(p.bbox); };
  const spans = (ss: Span[]) => {
    for (const sp of ss) {
      prov(sp.prov);
      for (const piece of sp.pieces ?? []) piece.bbox = toPage(piece.bbox);
    }
  };
  prov(b.prov);
  if (b.kind === 'paragraph') spans(b.spans);
  else for (const row of b.rows) for (const c of row) { prov(c.prov); spans(c.spans); }
}

/**
 * ActualText and rule segments per page (content-stream.ts), read only once pdf.js has opened the file. pdf-lib reports damaged objects on the console;
 * those notes become one message on the result instead of stray lines in the user's terminal.
 */
async function readContent(bytes: Uint8Array, messages: Message[], fileName: string): Promise<Array<PageContent | null>> {
  const notes: string[] = [];
  const { log, warn } = console;
  console.log = console.warn = (...a: unknown[]) => void notes.push(a.map(String).join(' '));
  try {
    return await contentByPage(bytes);
  } catch (e) {
    if (e instanceof StreamBudgetError) throw new PermanentError(fileName, `a PDF that ${e.message} (a decompression bomb): not read`);
    notes.push((e as Error).message);
    return [];
  } finally {
    console.log = log;
    console.warn = warn;
    if (notes.length) {
      messages.push({ code: 'PDF_STRUCTURE_NOTES', severity: 'info', text: `pdf-lib: ${notes.slice(0, 3).join('; ')}${notes.length > 3 ? ` (+${notes.length - 3})` : ''}` });
    }
  }
}

/**
 * Whether line i of a paragraph continues line i-1 as a wrap: the line before runs to (near) the right edge of the
 * paragraph. A short line before it (a centred title line, the end of a paragraph) is a break of its own.
 */
function isWrap(lines: Line[], i: number): boolean {
  if (i === 0) return false;
  const right = Math.max(...lines.map((l) => l.bbox[2]));
  const prev = lines[i - 1];
  return prev.bbox[2] >= right - prev.fontSize * 3;
}

function boxOf(lines: Line[]): Provenance['bbox'] {
  if (!lines.length) return null;
  return [
    Math.min(...lines.map((l) => l.bbox[0])), Math.min(...lines.map((l) => l.bbox[1])),
    Math.max(...lines.map((l) => l.bbox[2])), Math.max(...lines.map((l) => l.bbox[3])),
  ];
}
