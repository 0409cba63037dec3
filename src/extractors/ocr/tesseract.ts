/**
 * tesseract.js (WebAssembly, no native install) with the Thai model from the npm registry
 * (@tesseract.js-data/tha, 4.0.0_best_int), loaded from node_modules: nothing is fetched at run time. Page
 * segmentation mode 3 (automatic): mode 6 interleaves table columns (THAI-TEXT-NOTES, 51% error). One engine per
 * document, ended when the document is read: its own thread would otherwise keep a CLI process alive.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface OcrBox { x0: number; y0: number; x1: number; y1: number }
export interface OcrWord { text: string; confidence: number; bbox: OcrBox }
export interface OcrLine {
  text: string;
  bbox: OcrBox;
  /** The baseline through the line, from (x0, y0) to (x1, y1). */
  baseline: OcrBox;
  rowAttributes: { rowHeight: number; ascenders: number; descenders: number };
  words: OcrWord[];
}

export interface OcrPageText {
  lines: OcrLine[];
  /** tesseract's text of the page: its lines' words in order, with a space only where it saw one. */
  text: string;
}

export interface OcrEngine {
  readPage(pgm: Uint8Array, dpi: number): Promise<OcrPageText>;
  end(): Promise<void>;
}

const require = createRequire(import.meta.url);

export function thaiModelPath(): string {
  return join(dirname(require.resolve('@tesseract.js-data/tha/package.json')), '4.0.0_best_int');
}

export async function startOcrEngine(): Promise<OcrEngine> {
  const { createWorker } = await import('tesseract.js');
  const worker = await createWorker('tha', 1, { langPath: thaiModelPath(), gzip: true, cacheMethod: 'none', errorHandler: () => {} });
  let dpiSet = 0;
  return {
    async readPage(pgm, dpi) {
      if (dpiSet !== dpi) {
        await worker.setParameters({ tessedit_pageseg_mode: '3' as never, user_defined_dpi: String(dpi), preserve_interword_spaces: '1' });
        dpiSet = dpi;
      }
      const r = await worker.recognize(Buffer.from(pgm.buffer, pgm.byteOffset, pgm.byteLength), {}, { blocks: true, text: true });
      // (A line's own `text` is its words joined with spaces, even in Thai; the page text is not.)
      return { lines: (r.data.blocks ?? []).flatMap((b) => b.paragraphs.flatMap((p) => p.lines)) as unknown as OcrLine[], text: r.data.text ?? '' };
    },
    async end() {
      await worker.terminate();
    },
  };
}
