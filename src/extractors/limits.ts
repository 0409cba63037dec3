/**
 * What one document may cost to read. Every inflation is capped before or while it happens, so memory stays
 * bounded whatever a file claims: a document over a limit is a permanent failure with a plain reason, never retried.
 */
export const EXTRACTION_LIMITS = {
  /** DOCX: all parts together, as declared in the ZIP's central directory, before anything is inflated. */
  maxDocxUnpackedBytes: 200 * 1024 * 1024,
  /** PDF: pages of one report (checked before any content stream is decoded). */
  maxPdfPages: 500,
  /** PDF: one decoded content stream (inflated with a cap: a 1 MB stream that inflates to 1 GiB stops here). */
  maxPdfStreamBytes: 64 * 1024 * 1024,
  /** PDF: all content streams of the document together. */
  maxPdfDecodedBytes: 256 * 1024 * 1024,
  /** PDF: scanned pages of one report read by OCR (~3–4 s each on one core); further scanned pages are listed. */
  maxOcrPages: 40,
  /** V8 heap of one extraction thread; a thread that runs out is a document too large to read. */
  threadHeapMb: 640,
};

export const mb = (bytes: number) => `${Math.round(bytes / 1048576)} MB`;
