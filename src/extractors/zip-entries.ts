/**
 * Entry names of a ZIP from its central directory (APPNOTE.TXT §4.3.12–4.3.16), without unpacking anything.
 * A DOCX is a ZIP whose entries include word/document.xml; a ZIP that merely contains a DOCX is not one.
 */
/** A ZIP starts with a local file header (PK\x03\x04), or is empty and starts with its end record (PK\x05\x06). */
export function isZip(b: Uint8Array): boolean {
  return b[0] === 0x50 && b[1] === 0x4b && ((b[2] === 0x03 && b[3] === 0x04) || (b[2] === 0x05 && b[3] === 0x06));
}

export interface ZipEntryInfo {
  name: string;
  compressedSize: number;
  /** As declared by the central directory (0xFFFFFFFF: ZIP64, size in an extra field). */
  uncompressedSize: number;
}

export function zipEntryNames(bytes: Uint8Array): string[] | null {
  return zipEntries(bytes)?.map((e) => e.name) ?? null;
}

/** Entries of a ZIP from its central directory: names and declared sizes; null without a central directory. */
export function zipEntries(bytes: Uint8Array): ZipEntryInfo[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // End of central directory: signature 0x06054b50, within the last 64 KiB + 22 bytes (the comment may follow it).
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65557); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const names: ZipEntryInfo[] = [];
  const decoder = new TextDecoder('utf-8');
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) return null;
    const nameLen = view.getUint16(at + 28, true);
    const extraLen = view.getUint16(at + 30, true);
    const commentLen = view.getUint16(at + 32, true);
    names.push({
      name: decoder.decode(bytes.subarray(at + 46, at + 46 + nameLen)),
      compressedSize: view.getUint32(at + 20, true),
      uncompressedSize: view.getUint32(at + 24, true),
    });
    at += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}

/** Whether the ZIP is a Word document. A truncated ZIP (no central directory) that names the part is treated as one. */
export function isDocxZip(bytes: Uint8Array): boolean {
  const names = zipEntryNames(bytes);
  if (names) return names.includes('word/document.xml');
  // No central directory: a damaged file; look at the first local header's name.
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = 0; at + 30 < bytes.length && view.getUint32(at, true) === 0x04034b50; ) {
    const nameLen = view.getUint16(at + 26, true);
    const name = new TextDecoder().decode(bytes.subarray(at + 30, at + 30 + nameLen));
    if (name === 'word/document.xml') return true;
    at += 30 + nameLen + view.getUint16(at + 28, true) + view.getUint32(at + 18, true);
  }
  return false;
}
