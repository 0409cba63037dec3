/**
 * Format detection from the bytes, never the file name: a report renamed .pdf is still a DOCX.
 * Unusable input (empty, an image, binary junk, a ZIP that is not a DOCX) is a PermanentError naming the file.
 */
import type { SourceFormat } from '../model/document.ts';
import { PermanentError } from '../model/errors.ts';
import { declaredHtmlCharset, decodeText, type DecodedText } from './decode-text.ts';
import { FORMATS, type InputFormat, type Sniffed } from './formats.ts';
import { isZip } from './zip-entries.ts';

/** Text or HTML over this size is refused (PDF and DOCX have their own limits). */
export const MAX_TEXT_BYTES = 10 * 1024 * 1024;

export interface Detected {
  format: SourceFormat;
  /** Decoded text, for text and HTML input. */
  decoded?: DecodedText;
  /** The registry entry that reads it, and what detection found (handed to its extract). */
  entry: InputFormat;
  sniffed: Sniffed;
}

const ascii = (bytes: Uint8Array, start: number, end: number) =>
  String.fromCharCode(...bytes.subarray(start, Math.min(end, bytes.length)));

const startsWith = (bytes: Uint8Array, sig: number[]) => sig.every((b, i) => bytes[i] === b);

const IMAGE_SIGNATURES: Array<[string, number[]]> = [
  ['PNG', [0x89, 0x50, 0x4e, 0x47]],
  ['JPEG', [0xff, 0xd8, 0xff]],
  ['GIF', [0x47, 0x49, 0x46, 0x38]],
  ['TIFF', [0x49, 0x49, 0x2a, 0x00]],
  ['TIFF', [0x4d, 0x4d, 0x00, 0x2a]],
  ['WebP', [0x52, 0x49, 0x46, 0x46]],
  ['BMP', [0x42, 0x4d]],
];


/**
 * What the first bytes and the size alone decide: a PDF, a ZIP (a DOCX or not: its directory is at the end), or
 * text; a refusal (empty, an image, a legacy .doc, RTF, text over the limit) is thrown here. The store calls it on a
 * report's first KB before reading the whole file, so a 99 MB text file is refused without being loaded.
 */
export function sniffFormat(head: Uint8Array, size: number, fileName: string): 'pdf' | 'zip' | 'text' {
  if (size === 0) throw new PermanentError(fileName, 'the file is empty (0 bytes)');
  if (ascii(head, 0, 1024).includes('%PDF-')) return 'pdf';
  if (isZip(head)) return 'zip';
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw new PermanentError(fileName, 'a legacy Word .doc (OLE) file; save it as DOCX or PDF and upload that');
  }
  for (const [kind, sig] of IMAGE_SIGNATURES) {
    if (startsWith(head, sig) && (kind !== 'BMP' || size > 26)) {
      throw new PermanentError(fileName, `a ${kind} image, not a document with text; upload the report as PDF, DOCX or text`);
    }
  }
  if (ascii(head, 0, 5) === '{\\rtf') {
    throw new PermanentError(fileName, 'an RTF file; save it as DOCX or PDF and upload that');
  }
  // Text and HTML reports are a few hundred KB; a larger one is not a report, and reading it would cost memory in
  // proportion (strings, blocks, segmentation).
  if (size > MAX_TEXT_BYTES) {
    throw new PermanentError(fileName, `a ${(size / 1048576).toFixed(0)} MB text or unknown file, over the ${MAX_TEXT_BYTES / 1048576} MB limit for a report as text or HTML`);
  }
  return 'text';
}

/**
 * The format of a file, from its bytes: the refusals every file goes through (sniffFormat), then the entries of the
 * format registry (formats.ts) in order. Throws PermanentError naming the file when none reads it.
 */
export function detectFormat(bytes: Uint8Array, fileName: string): Detected {
  const kind = sniffFormat(bytes, bytes.length, fileName);
  const sniffed: Sniffed = { bytes, kind };
  if (kind === 'text') {
    const decoded = decodeText(bytes, declaredHtmlCharset(bytes));
    if (!decoded || isBinaryJunk(decoded.text)) {
      throw new PermanentError(fileName, 'not a PDF, DOCX, HTML or text file (unrecognised binary content)');
    }
    if (decoded.text.trim().length === 0) throw new PermanentError(fileName, 'the file contains only whitespace');
    sniffed.decoded = decoded;
  }
  const entry = FORMATS.find((f) => f.detect(sniffed));
  if (!entry) {
    if (kind === 'zip') throw new PermanentError(fileName, 'a ZIP archive without word/document.xml, so not a DOCX report');
    throw new PermanentError(fileName, 'not a PDF, DOCX, HTML or text file (unrecognised binary content)');
  }
  return { format: entry.format, decoded: sniffed.decoded, entry, sniffed };
}

/** Text with many control characters (besides tab, newline, form feed, carriage return) is binary data. */
function isBinaryJunk(text: string): boolean {
  const sample = text.slice(0, 65536);
  const controls = sample.match(/[\u0000-\u0008\u000B\u000E-\u001F\u007F\uFFFD]/g)?.length ?? 0;
  return controls > Math.max(2, sample.length * 0.01);
}
