/**
 * Decoding text and HTML bytes: detect, don't assume. Thai text arrives as UTF-8 or as legacy TIS-620 /
 * windows-874 (a superset: TIS-620 plus a few punctuation marks in 0x80–0x9F). TIS-620 puts Thai in 0xA1–0xFB,
 * which is never valid UTF-8 in running text.
 */

export interface DecodedText {
  text: string;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-874';
  /** Invalid byte sequences replaced by U+FFFD in otherwise valid UTF-8 (reported as a message, never silent). */
  replaced?: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Returns null when the bytes are not text in an encoding we know. */
export function decodeText(bytes: Uint8Array, declaredCharset?: string | null): DecodedText | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return tryDecode(bytes.subarray(3), 'utf-8');
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return tryDecode(bytes.subarray(2), 'utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return tryDecode(bytes.subarray(2), 'utf-16be');
  if (bytes.includes(0)) return null;
  const asUtf8 = tryDecode(bytes, 'utf-8');
  if (asUtf8) return asUtf8;
  const declared = declaredCharset?.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (declared && ['tis620', 'windows874', 'cp874', 'xcp874', 'iso885911'].includes(declared)) {
    return tryDecode(bytes, 'windows-874');
  }
  if (looksLikeTis620(bytes)) return tryDecode(bytes, 'windows-874');
  // UTF-8 with a few stray invalid bytes (a damaged copy-paste): the rest is still the report. Up to 1 in 1,000
  // characters replaced by U+FFFD, and said; more than that is not UTF-8 text.
  const lenient = new TextDecoder('utf-8').decode(bytes);
  const replaced = lenient.match(/\uFFFD/g)?.length ?? 0;
  if (replaced > 0 && replaced <= Math.max(3, lenient.length / 1000) && /[\u0E01-\u0E4E]/u.test(lenient)) {
    return { text: lenient, encoding: 'utf-8', replaced };
  }
  return null;
}

/** Most high bytes fall in the TIS-620 Thai range 0xA1–0xFB (0xDB–0xDE and 0xFC–0xFF are unassigned). */
export function looksLikeTis620(bytes: Uint8Array): boolean {
  let high = 0;
  let thai = 0;
  for (const b of bytes) {
    if (b < 0x80) continue;
    high++;
    if (b >= 0xa1 && b <= 0xfb && !(b >= 0xdb && b <= 0xde)) thai++;
  }
  return high > 0 && thai / high > 0.95;
}

function tryDecode(bytes: Uint8Array, encoding: DecodedText['encoding']): DecodedText | null {
  try {
    const dec = encoding === 'utf-8' ? utf8 : new TextDecoder(encoding, { fatal: true });
    return { text: dec.decode(bytes), encoding };
  } catch {
    return null;
  }
}

/** The charset a page declares in `<meta charset>` or `<meta http-equiv content>`, read from the ASCII bytes. */
export function declaredHtmlCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  return /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1] ?? null;
}
