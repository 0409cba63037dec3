/**
 * DOCX → HTML with mammoth → the HTML extractor. mammoth's messages are kept on the result, never dropped.
 * A file mammoth cannot open (truncated, not really a DOCX) is a PermanentError naming the file.
 */
import mammoth from 'mammoth';
import type { DocumentModel } from '../model/document.ts';
import { PermanentError } from '../model/errors.ts';
import { result, type Message, type Result } from '../model/result.ts';
import { extractHtml } from './html.ts';
import { EXTRACTION_LIMITS, mb } from './limits.ts';
import { zipEntries } from './zip-entries.ts';

export async function extractDocx(bytes: Uint8Array, fileName: string): Promise<Result<DocumentModel>> {
  // A DOCX bomb (a small file whose XML inflates to hundreds of MB) is refused from its central directory, before
  // mammoth inflates anything. A size field that does not fit 32 bits (ZIP64) is taken as over the limit.
  const entries = zipEntries(bytes) ?? [];
  const unpacked = entries.reduce((n, e) => n + (e.uncompressedSize === 0xffffffff ? Infinity : e.uncompressedSize), 0);
  if (unpacked > EXTRACTION_LIMITS.maxDocxUnpackedBytes) {
    throw new PermanentError(fileName, `a DOCX that expands to more than ${mb(EXTRACTION_LIMITS.maxDocxUnpackedBytes)} when unpacked (${Number.isFinite(unpacked) ? mb(unpacked) : 'ZIP64 sizes'}; a decompression bomb): not read`);
  }
  let converted: { value: string; messages: Array<{ type: string; message: string }> };
  try {
    converted = await mammoth.convertToHtml({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
  } catch (e) {
    throw new PermanentError(fileName, `a damaged DOCX that cannot be opened (${(e as Error).message.split('\n')[0]})`, { cause: e });
  }
  const html = extractHtml(converted.value, 'docx');
  const messages: Message[] = converted.messages.map((m) => ({
    code: 'MAMMOTH_' + m.type.toUpperCase(),
    severity: m.type === 'error' ? 'error' : m.type === 'warning' ? 'warning' : 'info',
    text: m.message,
  }));
  return result(html.value, [...messages, ...html.messages]);
}
