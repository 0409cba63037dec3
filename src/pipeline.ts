/**
 * The one pipeline: bytes + file name → contract result. It imports no queue, Redis or database, so the CLI,
 * the workers and the API all call this. Throws PermanentError when the file cannot be read at all.
 */
import { createHash } from 'node:crypto';
import { detectFormat } from './extractors/detect-format.ts';
import { extractHtml } from './extractors/html.ts';
import { extractText } from './extractors/text.ts';
import type { DocumentModel } from './model/document.ts';
import { PermanentError } from './model/errors.ts';
import type { ExtractionResult } from './model/extraction-result.ts';
import type { Message, Result } from './model/result.ts';
import { normalizeDocument } from './normalize/index.ts';
import { getWordSegmenter } from './normalize/segment-words.ts';
import { parseReport } from './parse/index.ts';
import { validateReport } from './validate/index.ts';

export const SCHEMA_VERSION = 1;

export async function extractDocument(bytes: Uint8Array, fileName: string): Promise<Result<DocumentModel>> {
  const detected = detectFormat(bytes, fileName);
  switch (detected.format) {
    case 'text':
      return withEncoding(extractText(detected.decoded!.text), detected.decoded!.encoding, detected.decoded!.replaced);
    case 'html':
      return withEncoding(extractHtml(detected.decoded!.text), detected.decoded!.encoding, detected.decoded!.replaced);
    case 'docx': {
      const { extractDocx } = await import('./extractors/docx.ts');
      return extractDocx(bytes, fileName);
    }
    case 'pdf': {
      const { extractPdf } = await import('./extractors/pdf/index.ts');
      return extractPdf(bytes, fileName);
    }
  }
}

function withEncoding(r: Result<DocumentModel>, encoding: string, replaced = 0): Result<DocumentModel> {
  const messages: Message[] = [...r.messages];
  if (encoding !== 'utf-8') {
    messages.push({ code: 'DECODED_LEGACY_ENCODING', severity: 'info', text: `text decoded from ${encoding}` });
  }
  if (replaced) {
    messages.push({ code: 'INVALID_BYTES_REPLACED', severity: 'warning', text: `${replaced} invalid byte sequence(s) in the UTF-8 text replaced by U+FFFD (ตัวอักษรที่อ่านไม่ได้ ${replaced} แห่ง)` });
  }
  return { value: { ...r.value, encoding }, messages };
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
  const validated = validateReport(parsed, messages, seg);
  const flags = validated.value;
  messages.push(...parsedResult.messages, ...validated.messages);
  return {
    schemaVersion: SCHEMA_VERSION,
    source: { fileName, sha256, format: doc.format, pages: doc.pages, ocr: false, ...(doc.encoding ? { encoding: doc.encoding } : {}) },
    report: parsed.report,
    measures: parsed.measures,
    scores: parsed.scores,
    flags,
    messages,
  };
}
