/**
 * Before pdf.js or pdf-lib see a PDF: every Flate stream that is not an image (content streams, object streams) is
 * inflated once with zlib's output cap, so a 1 MB file whose stream inflates to 1 GiB is refused after at most the
 * cap, instead of both libraries inflating it whole while loading. Images are skipped: they are decoded only to be
 * drawn, and a scanned report's pages are legitimately large.
 */
import { constants, inflateSync } from 'node:zlib';
import { EXTRACTION_LIMITS, mb } from '../limits.ts';

export function pdfBombReason(bytes: Uint8Array): string | null {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let total = 0;
  for (let at = buf.indexOf('stream'); at >= 0; at = buf.indexOf('stream', at + 6)) {
    // "endstream" is not a start; the keyword follows the stream's dictionary.
    if (at >= 3 && buf.toString('latin1', at - 3, at) === 'end') continue;
    const dict = buf.toString('latin1', Math.max(0, at - 400), at);
    const open = dict.lastIndexOf('<<');
    if (open < 0 || !/>>\s*$/.test(dict)) continue;
    const head = dict.slice(open);
    if (!/\/FlateDecode/.test(head) || /\/Subtype\s*\/Image/.test(head) || /\/DecodeParms/.test(head)) continue;
    let start = at + 6;
    if (buf[start] === 0x0d) start++;
    if (buf[start] === 0x0a) start++;
    const end = buf.indexOf('endstream', start);
    if (end < 0) break;
    const cap = Math.min(EXTRACTION_LIMITS.maxPdfStreamBytes, EXTRACTION_LIMITS.maxPdfDecodedBytes - total);
    try {
      total += inflateSync(buf.subarray(start, end), { maxOutputLength: cap + 1, finishFlush: constants.Z_SYNC_FLUSH }).length;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        return total + cap >= EXTRACTION_LIMITS.maxPdfDecodedBytes
          ? `expands to more than ${mb(EXTRACTION_LIMITS.maxPdfDecodedBytes)} when its streams are decoded`
          : `has a stream that expands to more than ${mb(cap)}`;
      }
      // Not zlib data as declared: pdf.js will say what it makes of it.
    }
    at = end;
  }
  return null;
}
