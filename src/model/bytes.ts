/**
 * A Node Buffer seen as a plain Uint8Array over the same memory. `new Uint8Array(buffer)` would copy it (a 99 MB
 * file twice in memory, measured); pdf.js wants a plain Uint8Array, not a Buffer.
 */
export function viewOf(buf: Buffer | Uint8Array): Uint8Array {
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}
