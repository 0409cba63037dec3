/**
 * One helper owns the pdf.js document lifetime: open, run, and always destroy (unpdf's habit). pdf.js's own
 * errors become PermanentErrors naming the file: encrypted, damaged, not a PDF.
 * pdfjs-dist's legacy build is used even on Node 24 (the modern build fails there; THAI-TEXT-NOTES).
 */
import type { PDFDocumentProxy } from 'pdfjs-dist/types/src/display/api.js';
import { PermanentError } from '../../model/errors.ts';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfJs> | undefined;

export function loadPdfJs(): Promise<PdfJs> {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjs;
}

export async function withPdfDocument<T>(bytes: Uint8Array, fileName: string, op: (pdf: PDFDocumentProxy, lib: PdfJs) => Promise<T>): Promise<T> {
  const lib = await loadPdfJs();
  // pdf.js takes ownership of (detaches) the buffer it is given, so it gets a copy.
  const loadingTask = lib.getDocument({
    data: bytes.slice(),
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: lib.VerbosityLevel.ERRORS,
    stopAtErrors: false,
    // An image over 50 megapixels (A4 at 600 dpi is 35) is not decoded: a scan bomb would need gigabytes.
    maxImageSize: 50_000_000,
  });
  try {
    let pdf: PDFDocumentProxy;
    try {
      pdf = await loadingTask.promise;
    } catch (e) {
      throw toPermanent(e, fileName, lib);
    }
    return await op(pdf, lib);
  } finally {
    await loadingTask.destroy();
  }
}

function toPermanent(e: unknown, fileName: string, lib: PdfJs): PermanentError {
  const err = e as Error;
  if (err instanceof lib.PasswordException || err?.name === 'PasswordException') {
    return new PermanentError(fileName, 'an encrypted (password-protected) PDF; upload it without the password', { cause: e });
  }
  if (err instanceof lib.InvalidPDFException || err?.name === 'InvalidPDFException') {
    return new PermanentError(fileName, `a damaged or truncated PDF that cannot be read (${err.message})`, { cause: e });
  }
  return new PermanentError(fileName, `a PDF that cannot be opened (${err?.message ?? String(e)})`, { cause: e });
}
