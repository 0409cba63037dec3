/**
 * The one pipeline: bytes + file name → contract result. It imports no queue, Redis or database, so the CLI,
 * the workers and the API all call this. Throws PermanentError when the file cannot be read at all.
 */
import { createHash } from 'node:crypto';
import { detectFormat } from './extractors/detect-format.ts';
import type { DocumentModel } from './model/document.ts';
import { PermanentError } from './model/errors.ts';
import type { ExtractionResult } from './model/extraction-result.ts';
import type { Result } from './model/result.ts';
import { normalizeDocument } from './normalize/index.ts';
import { getWordSegmenter } from './normalize/segment-words.ts';
import { parseReport } from './parse/index.ts';
import { validateReport } from './validate/index.ts';

export const SCHEMA_VERSION = 1;

/** Bytes → document model, by the registry entry that recognises the bytes (extractors/formats.ts). */
export async function extractDocument(bytes: Uint8Array, fileName: string): Promise<Result<DocumentModel>> {
  const detected = detectFormat(bytes, fileName);
  return detected.entry.extract(bytes, fileName, detected.sniffed);
}

export async function extractReport(bytes: Uint8Array, fileName: string): Promise<ExtractionResult> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const extracted = await extractDocument(bytes, fileName);
  const seg = getWordSegmenter();
  const normalized = normalizeDocument(extracted.value, seg);
  const doc = normalized.value;
  const messages = [...extracted.messages, ...normalized.messages];
  if (doc.blocks.length === 0) throw new PermanentError(fileName, 'no text could be read from the document');
  const parsedResult = parseReport(doc, seg);
  const parsed = parsedResult.value;
  const validated = validateReport(parsed, messages, seg, doc.ocr);
  const flags = validated.value;
  messages.push(...parsedResult.messages, ...validated.messages);
  return {
    schemaVersion: SCHEMA_VERSION,
    source: { fileName, sha256, format: doc.format, pages: doc.pages, ocr: !!doc.ocr, ...(doc.encoding ? { encoding: doc.encoding } : {}) },
    report: parsed.report,
    measures: parsed.measures,
    scores: parsed.scores,
    flags,
    messages,
  };
}
