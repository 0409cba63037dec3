/**
 * The input formats, one entry each: how it is recognised (after the refusals every file goes through, in
 * detect-format.ts), how it is read, the MIME type its original is served with, and the file extensions users send
 * it as. Detection order, the pipeline's choice of extractor and the API's MIME table all come from this list:
 * a new input (a scanned PDF read by OCR, say) is one more entry here.
 */
import type { DocumentModel, SourceFormat } from '../model/document.ts';
import type { Message, Result } from '../model/result.ts';
import type { DecodedText } from './decode-text.ts';
import { extractHtml } from './html.ts';
import { extractText } from './text.ts';
import { isDocxZip } from './zip-entries.ts';

/** What detection knows when it asks each format: the bytes, what the first bytes said, the text if decoded. */
export interface Sniffed {
  bytes: Uint8Array;
  kind: 'pdf' | 'zip' | 'text';
  decoded?: DecodedText;
}

export interface InputFormat {
  format: SourceFormat;
  mime: string;
  extensions: readonly string[];
  /** Whether these bytes are this format (entries are asked in order; the first that says yes reads them). */
  detect(s: Sniffed): boolean;
  extract(bytes: Uint8Array, fileName: string, s: Sniffed): Promise<Result<DocumentModel>>;
}

const HTML_START = /^\s*(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|table|div|section|article|main)[\s>]/i;
const HTML_INSIDE = /<(?:html|body|table)[\s>]/i;
const isHtml = (text: string) => HTML_START.test(text) || HTML_INSIDE.test(text);

/** Text decoded from a legacy encoding, or with invalid bytes replaced, says so in the result's messages. */
function withEncoding(r: Result<DocumentModel>, decoded: DecodedText): Result<DocumentModel> {
  const messages: Message[] = [...r.messages];
  if (decoded.encoding !== 'utf-8') {
    messages.push({ code: 'DECODED_LEGACY_ENCODING', severity: 'info', text: `text decoded from ${decoded.encoding}` });
  }
  if (decoded.replaced) {
    messages.push({ code: 'INVALID_BYTES_REPLACED', severity: 'warning', text: `${decoded.replaced} invalid byte sequence(s) in the UTF-8 text replaced by U+FFFD (ตัวอักษรที่อ่านไม่ได้ ${decoded.replaced} แห่ง)` });
  }
  return { value: { ...r.value, encoding: decoded.encoding }, messages };
}

export const FORMATS: readonly InputFormat[] = [
  {
    format: 'pdf',
    mime: 'application/pdf',
    extensions: ['.pdf'],
    detect: (s) => s.kind === 'pdf',
    extract: async (bytes, fileName) => (await import('./pdf/index.ts')).extractPdf(bytes, fileName),
  },
  {
    format: 'docx',
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['.docx'],
    detect: (s) => s.kind === 'zip' && isDocxZip(s.bytes),
    extract: async (bytes, fileName) => (await import('./docx.ts')).extractDocx(bytes, fileName),
  },
  {
    format: 'html',
    mime: 'text/html; charset=utf-8',
    extensions: ['.html', '.htm'],
    detect: (s) => s.kind === 'text' && !!s.decoded && isHtml(s.decoded.text),
    extract: async (_bytes, _name, s) => withEncoding(extractHtml(s.decoded!.text), s.decoded!),
  },
  {
    format: 'text',
    mime: 'text/plain; charset=utf-8',
    extensions: ['.txt'],
    detect: (s) => s.kind === 'text' && !!s.decoded,
    extract: async (_bytes, _name, s) => withEncoding(extractText(s.decoded!.text), s.decoded!),
  },
];

/** Archives a batch or an upload may hold submissions in (unpacked by inputs/collect.ts; a DOCX is not one). */
export const ARCHIVE_EXTENSIONS = ['.zip'] as const;

/** Every file name ending a user may send: each format's, then the archives'. */
export function acceptedExtensions(): string[] {
  return [...FORMATS.flatMap((f) => f.extensions), ...ARCHIVE_EXTENSIONS];
}

/** The MIME type of a stored original, by its format. */
export function mimeOf(format: string | null): string {
  return FORMATS.find((f) => f.format === format)?.mime ?? 'application/octet-stream';
}
