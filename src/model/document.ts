/**
 * The document model every extractor produces: an ordered list of blocks (paragraphs and tables),
 * each made of spans that remember where they were read. Normalisers rewrite `text`; `raw` never changes.
 */
import { thaiDigitsToArabic } from '../normalize/rules.ts';

/** Where a value was read, precise enough for a reviewer to see it highlighted (contract `$defs/provenance`). */
export interface Provenance {
  /** 1-based PDF page; null for formats without pages. */
  page: number | null;
  /** [x0, y0, x1, y1] in PDF points, origin top-left of the page; null when the format has no geometry. */
  bbox?: [number, number, number, number] | null;
  /** Index of the paragraph or table in the document model. */
  block?: number | null;
  /** 1-based line of the input file (text input only). */
  line?: number | null;
  /** 1-based paragraph (or line break) inside the block or cell (HTML and DOCX input). */
  paragraph?: number | null;
  /** The original snippet, before normalisation. */
  text?: string | null;
  /** OCR confidence (0–1) of the word(s) the value was read from; absent for a text layer. */
  confidence?: number | null;
  /** A score's provenance: the box of each number it states (score, baseline, change, the two years). */
  fields?: Partial<Record<ScoreField, { page: number | null; bbox: Provenance['bbox'] }>>;
}

/** The stated numbers of a score that have a box of their own under `Provenance.fields`. */
export type ScoreField = 'score' | 'baselineScore' | 'reportedChange' | 'year' | 'baselineYear';

/** One run of text as read from the source (a line of a text file, a `<p>`, a PDF text line). */
export interface Span {
  /** Normalised text (NFC, Arabic digits, repaired Thai). */
  text: string;
  /** Exactly as read from the source, for provenance. */
  raw: string;
  prov: Provenance;
  /**
   * PDF only: this line continues the previous one in its cell or paragraph (a visual wrap, not a paragraph break).
   * Thai writes no spaces between words, so a wrap between two Thai letters joins without one.
   */
  wrapped?: boolean;
  /** PDF only: the drawn pieces of `raw` in order, each with its box, to locate a value inside the line. */
  pieces?: Array<{ text: string; bbox: [number, number, number, number]; confidence?: number }>;
}

export interface Paragraph {
  kind: 'paragraph';
  spans: Span[];
  prov: Provenance;
}

export interface Cell {
  /** Lines of the cell in reading order; a cell may be empty. */
  spans: Span[];
  prov: Provenance;
}

/** A table slot as an HTML grid gives it: colspans and rowspans are expanded to the slots they cover. */
export interface GridCell extends Cell {
  /** Set on slots covered by a colspan/rowspan: [row, column] of the cell that covers them. */
  spannedFrom?: [number, number];
}

export interface Table {
  kind: 'table';
  rows: Cell[][];
  prov: Provenance;
}

export type Block = Paragraph | Table;

export type SourceFormat = 'pdf' | 'docx' | 'html' | 'text';

/** A number on a scanned page as read twice: by tesseract and by the digit reader (extractors/ocr/digits.ts). */
export interface OcrNumber {
  page: number;
  /** Points on the page as drawn, origin top-left. */
  bbox: [number, number, number, number];
  /** tesseract's reading. */
  first: string;
  /** The digit reader's reading; "?" marks a glyph it could not tell, "" when it had no box of its own. */
  second: string;
  /** tesseract's word confidence, 0–1. */
  confidence: number;
  /** Which reading the document model holds. */
  used: 'first' | 'second';
  /** Whether it stands inside a ruled table found on the page. */
  inTable: boolean;
}

/** A number as read, to compare readings: Arabic digits, no thousands commas, no trailing point. */
export const numberValue = (s: string): string => thaiDigitsToArabic(s).replace(/,/g, '').replace(/\.$/, '');

/** The reading of a number the document model holds. */
export const heldReading = (n: OcrNumber): string => (n.used === 'second' ? n.second : n.first);

/** Both readings of a number give the same value (digit script, thousands commas and a trailing point aside). */
export function readingsAgree(n: OcrNumber): boolean {
  return n.used === 'second' && numberValue(n.first) === numberValue(n.second);
}

/** What OCR did on a PDF's scanned pages. */
export interface OcrInfo {
  pages: number[];
  /** Whether the first page with any text (where the title and fiscal year stand) was read by OCR. */
  headerOcr: boolean;
  numbers: OcrNumber[];
  /** Milliseconds spent rendering, recognising and re-reading numbers. */
  ms: { render: number; recognise: number; digits: number };
}

export interface DocumentModel {
  format: SourceFormat;
  pages: number | null;
  /** Present when pages were read by OCR. */
  ocr?: OcrInfo;
  /** Text encoding the bytes were decoded from (text and HTML input). */
  encoding?: string;
  blocks: Block[];
}

export function span(raw: string, prov: Provenance): Span {
  return { text: raw, raw, prov: { ...prov, text: raw } };
}
