/**
 * One pass over each page's content streams (PDF 32000-1 §7.8, §8.5, §14.9.4) gives what pdf.js's text layer does
 * not:
 *  - the `/ActualText` of every marked-content sequence, in drawing order. LibreOffice writes the true text of a
 *    multi-glyph Thai cluster as `/Span <</ActualText …>> BDC … EMC`; pdf.js reports the sequence
 *    (`beginMarkedContentProps`) but not its ActualText, so the k-th BMC/BDC here is paired with pdf.js's k-th;
 *  - the straight pieces of every painted path, in default user space (the transformation matrix replayed), from
 *    which ruling-lines.ts finds table rules. This replaces asking pdf.js for the page's operator list, which
 *    evaluated the whole page a second time (fonts and glyphs included) and cloned it between pdf.js's two halves:
 *    a third of the PDF extraction time (issue 10). Paths are built as pdf.js builds them (`re` as four points and
 *    a close, points rounded to 32-bit floats), so the rules are the same (test/extractors/content-stream.test.ts);
 *  - whether the page draws an image.
 * Form XObjects are entered where they are drawn (`Do`), with their /Matrix, as pdf.js does. The lexer keeps no
 * token it does not need: strings and arrays (a page's text) are skipped over, a dictionary is parsed only when it
 * is a BDC's properties.
 */
import { constants, inflateSync } from 'node:zlib';
import { EXTRACTION_LIMITS, mb } from '../limits.ts';
import { IDENTITY, mul, pathSegments, type Matrix } from './paths.ts';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRawStream, PDFStream, PDFString, decodePDFRawStream } from 'pdf-lib';

/** One BMC or BDC in drawing order; `actualText` is null when it has none. */
export interface MarkedContent {
  actualText: string | null;
}

/** What one pass over a page's content streams found. */
export interface PageContent {
  marked: MarkedContent[];
  /**
   * Candidate rules in default user space (origin bottom-left), four numbers each (x0, y0, x1, y1): every straight
   * piece of a stroked or filled path, and a thin filled rectangle as the one line along its length.
   */
  segments: number[];
  /** Whether the page (or a form it draws) paints an image. */
  images: boolean;
}

// Byte classes: 1 whitespace, 2 delimiter.
const CLASS = new Uint8Array(256);
for (const c of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) CLASS[c] = 1;
for (const c of [0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]) CLASS[c] = 2;

/** Operand kinds kept on the stack. */
const NUM = 1, NAME = 2, DICT = 3, OTHER = 4;
const MAX_OPERANDS = 48;

/** An operator as a number: its (at most three) bytes, so no string is made for each one. */
const key = (s: string) => s.charCodeAt(0) | ((s.charCodeAt(1) || 0) << 8) | ((s.charCodeAt(2) || 0) << 16);
const OP = {
  q: key('q'), Q: key('Q'), cm: key('cm'),
  m: key('m'), l: key('l'), c: key('c'), v: key('v'), y: key('y'), h: key('h'), re: key('re'),
  S: key('S'), s: key('s'), f: key('f'), F: key('F'), fStar: key('f*'), B: key('B'), BStar: key('B*'), b: key('b'), bStar: key('b*'), n: key('n'),
  BMC: key('BMC'), BDC: key('BDC'), Do: key('Do'), BI: key('BI'), ID: key('ID'),
};
/** Path-painting operators: [closes the path first, is a fill without stroke (a thin filled box is one rule), paints]. */
const PAINT = new Map<number, [boolean, boolean, boolean]>([
  [OP.S, [false, false, true]], [OP.s, [true, false, true]],
  [OP.f, [false, true, true]], [OP.F, [false, true, true]], [OP.fStar, [false, true, true]],
  [OP.B, [false, false, true]], [OP.BStar, [false, false, true]], [OP.b, [true, false, true]], [OP.bStar, [true, false, true]],
  [OP.n, [false, false, false]],
]);

/** PDF text strings are UTF-16BE with a BOM, or PDFDocEncoding (Latin-1 for the characters we meet). */
export function decodePdfTextString(b: Uint8Array): string {
  if (b[0] === 0xfe && b[1] === 0xff) return new TextDecoder('utf-16be').decode(b.subarray(2));
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return new TextDecoder('utf-8').decode(b.subarray(3));
  return String.fromCharCode(...b);
}

/** Thrown when content streams would decode to more than the limits allow. */
export class StreamBudgetError extends Error {}

/** Decoded bytes left for this document (EXTRACTION_LIMITS.maxPdfDecodedBytes), shared by its pages. */
let budget = EXTRACTION_LIMITS.maxPdfDecodedBytes;

function take(n: number): void {
  budget -= n;
  if (budget < 0) throw new StreamBudgetError(`expands to more than ${mb(EXTRACTION_LIMITS.maxPdfDecodedBytes)} when its streams are decoded`);
}

/**
 * A content stream's bytes. FlateDecode alone is inflated here, with zlib's output cap, so a bomb stops at the cap
 * instead of filling memory; other filters go through pdf-lib, and their output counts against the same budget.
 */
function streamBytes(s: unknown): Uint8Array {
  if (s instanceof PDFRawStream) {
    const filter = s.dict.get(PDFName.of('Filter'));
    const only = filter instanceof PDFName ? filter : filter instanceof PDFArray && filter.size() === 1 ? filter.get(0) : null;
    if (only instanceof PDFName && only.asString() === '/FlateDecode' && !s.dict.get(PDFName.of('DecodeParms'))) {
      const cap = Math.min(EXTRACTION_LIMITS.maxPdfStreamBytes, Math.max(0, budget));
      let out: Uint8Array;
      try {
        out = inflateSync(s.contents, { maxOutputLength: cap + 1, finishFlush: constants.Z_SYNC_FLUSH });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw new StreamBudgetError(`has a stream that expands to more than ${mb(cap)}`);
        throw e;
      }
      if (out.length > cap) throw new StreamBudgetError(`has a stream that expands to more than ${mb(cap)}`);
      take(out.length);
      return out;
    }
    const out = decodePDFRawStream(s).decode();
    take(out.length);
    return out;
  }
  if (s instanceof PDFStream) return s.getContents();
  return new Uint8Array();
}

/** Index just past the literal string that opens at `i` (balanced parentheses, backslash escapes). */
function skipLiteral(s: Uint8Array, i: number): number {
  let depth = 0;
  for (i++; i < s.length; i++) {
    const c = s[i];
    if (c === 0x5c) i++;
    else if (c === 0x28) depth++;
    else if (c === 0x29) {
      if (depth === 0) return i + 1;
      depth--;
    }
  }
  return i;
}

/** Index just past the hex string that opens at `i`. */
function skipHex(s: Uint8Array, i: number): number {
  const end = s.indexOf(0x3e, i + 1);
  return end < 0 ? s.length : end + 1;
}

/** Index just past the array or dictionary that opens at `i` (`[`…`]` or `<<`…`>>`), strings inside skipped. */
function skipNested(s: Uint8Array, i: number): number {
  let depth = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === 0x28) i = skipLiteral(s, i);
    else if (c === 0x3c && s[i + 1] === 0x3c) { depth++; i += 2; }
    else if (c === 0x3e && s[i + 1] === 0x3e) { depth--; i += 2; if (depth === 0) return i; }
    else if (c === 0x3c) i = skipHex(s, i);
    else if (c === 0x5b) { depth++; i++; }
    else if (c === 0x5d) { depth--; i++; if (depth === 0) return i; }
    else if (c === 0x25) { while (i < s.length && s[i] !== 0x0a && s[i] !== 0x0d) i++; }
    else i++;
  }
  return i;
}

/**
 * A number token from `i` to `end` (PDF: optional sign, digits, at most one point; junk after it is ignored),
 * computed as pdf.js's lexer does (digits as an integer, then one division), so the same bytes give the same double.
 */
function parseNumber(s: Uint8Array, i: number, end: number): number {
  let sign = 1;
  while (i < end && (s[i] === 0x2d || s[i] === 0x2b)) { if (s[i] === 0x2d) sign = -sign; i++; }
  let v = 0;
  let divideBy = 0;
  for (; i < end; i++) {
    const c = s[i];
    if (c >= 0x30 && c <= 0x39) {
      if (divideBy !== 0) divideBy *= 10;
      v = v * 10 + (c - 0x30);
    } else if (c === 0x2e && divideBy === 0) divideBy = 1;
    else break;
  }
  if (divideBy !== 0) v /= divideBy;
  return sign * v;
}

const latin1 = (s: Uint8Array, a: number, b: number) => String.fromCharCode(...s.subarray(a, b));

/** The literal string opening at `i`, unescaped. */
function literalBytes(s: Uint8Array, i: number): Uint8Array {
  const out: number[] = [];
  let depth = 0;
  for (i++; i < s.length; ) {
    const c = s[i++];
    if (c === 0x5c) {
      const e = s[i++];
      const map: Record<number, number> = { 0x6e: 10, 0x72: 13, 0x74: 9, 0x62: 8, 0x66: 12 };
      if (e in map) out.push(map[e]);
      else if (e >= 0x30 && e <= 0x37) {
        let oct = e - 0x30;
        for (let k = 0; k < 2 && s[i] >= 0x30 && s[i] <= 0x37; k++) oct = oct * 8 + (s[i++] - 0x30);
        out.push(oct & 0xff);
      } else if (e === 0x0d || e === 0x0a) {
        if (e === 0x0d && s[i] === 0x0a) i++;
      } else out.push(e);
    } else if (c === 0x28) {
      depth++;
      out.push(c);
    } else if (c === 0x29) {
      if (depth === 0) break;
      depth--;
      out.push(c);
    } else out.push(c);
  }
  return Uint8Array.from(out);
}

function hexBytes(s: Uint8Array, i: number): Uint8Array {
  let digits = '';
  for (i++; i < s.length && s[i] !== 0x3e; i++) {
    const ch = String.fromCharCode(s[i]);
    if (/[0-9a-fA-F]/.test(ch)) digits += ch;
  }
  if (digits.length % 2) digits += '0';
  return Uint8Array.from(digits.match(/../g) ?? [], (h) => parseInt(h, 16));
}

/** The /ActualText string of the inline dictionary `<<`…`>>` at [start, end), if it has one. */
function actualTextIn(s: Uint8Array, start: number, end: number): string | null {
  let depth = 0;
  for (let i = start; i < end; ) {
    const c = s[i];
    if (c === 0x3c && s[i + 1] === 0x3c) { depth++; i += 2; continue; }
    if (c === 0x3e && s[i + 1] === 0x3e) { depth--; i += 2; continue; }
    if (c === 0x28) { i = skipLiteral(s, i); continue; }
    if (c === 0x3c) { i = skipHex(s, i); continue; }
    if (c === 0x5b) { i = skipNested(s, i); continue; }
    if (c === 0x2f) {
      let j = i + 1;
      while (j < end && !CLASS[s[j]]) j++;
      const name = latin1(s, i + 1, j);
      i = j;
      if (name !== 'ActualText' || depth !== 1) continue;
      while (i < end && CLASS[s[i]] === 1) i++;
      if (s[i] === 0x28) return decodePdfTextString(literalBytes(s, i));
      if (s[i] === 0x3c && s[i + 1] !== 0x3c) return decodePdfTextString(hexBytes(s, i));
      return null;
    }
    i++;
  }
  return null;
}

function actualTextOfName(name: string, resources: PDFDict | undefined): string | null {
  const list = resources?.lookupMaybe(PDFName.of('Properties'), PDFDict)?.lookupMaybe(PDFName.of(name), PDFDict);
  const at = list?.lookup(PDFName.of('ActualText'));
  return at instanceof PDFString || at instanceof PDFHexString ? at.decodeText() : null;
}

/** A form XObject's /Matrix as pdf.js takes it (32-bit floats), or null. */
function formMatrix(dict: PDFDict): Matrix | null {
  const m = dict.lookupMaybe(PDFName.of('Matrix'), PDFArray);
  if (!m || m.size() !== 6) return null;
  const v = m.asArray().map((x) => { const n = dict.context.lookup(x); return n instanceof PDFNumber ? Math.fround(n.asNumber()) : NaN; });
  return v.every(Number.isFinite) ? (v as Matrix) : null;
}

class Walker {
  readonly out: PageContent = { marked: [], segments: [], images: false };
  // The operand stack: kinds, numbers, and where each token lies in the stream.
  private readonly kind = new Uint8Array(MAX_OPERANDS);
  private readonly num = new Float64Array(MAX_OPERANDS);
  private readonly from = new Int32Array(MAX_OPERANDS);
  private readonly to = new Int32Array(MAX_OPERANDS);
  private n = 0;
  private ctm: Matrix = IDENTITY;
  private readonly saved: Matrix[] = [];
  /** The path being built, as pdf.js builds it: 0 x y (move), 1 x y (line), 2 x1 y1 x2 y2 x y (curve), 4 (close). */
  private path: number[] = [];
  private cx = 0;
  private cy = 0;

  private push(k: number, v: number, a: number, b: number): void {
    if (this.n === MAX_OPERANDS) {
      // More operands than any operator takes: keep the last ones, as pdf.js does.
      this.kind.copyWithin(0, 1); this.num.copyWithin(0, 1); this.from.copyWithin(0, 1); this.to.copyWithin(0, 1);
      this.n--;
    }
    this.kind[this.n] = k; this.num[this.n] = v; this.from[this.n] = a; this.to[this.n] = b;
    this.n++;
  }

  /** The last `count` operands as numbers, or null when there are fewer or one is not a number. */
  private nums(count: number): Float64Array | null {
    if (this.n < count) return null;
    for (let k = this.n - count; k < this.n; k++) if (this.kind[k] !== NUM) return null;
    return this.num.subarray(this.n - count, this.n);
  }

  walk(s: Uint8Array, resources: PDFDict | undefined, depth: number): void {
    const len = s.length;
    let i = 0;
    this.n = 0;
    while (i < len) {
      const c = s[i];
      const cls = CLASS[c];
      if (cls === 1) { i++; continue; }
      if (c === 0x25) { while (i < len && s[i] !== 0x0a && s[i] !== 0x0d) i++; continue; }
      if (c === 0x2f) {
        let j = i + 1;
        while (j < len && !CLASS[s[j]]) j++;
        this.push(NAME, 0, i + 1, j);
        i = j;
        continue;
      }
      if (c === 0x28) { const j = skipLiteral(s, i); this.push(OTHER, 0, i, j); i = j; continue; }
      if (c === 0x3c) {
        if (s[i + 1] === 0x3c) { const j = skipNested(s, i); this.push(DICT, 0, i, j); i = j; continue; }
        const j = skipHex(s, i);
        this.push(OTHER, 0, i, j);
        i = j;
        continue;
      }
      if (c === 0x5b) { const j = skipNested(s, i); this.push(OTHER, 0, i, j); i = j; continue; }
      if (cls === 2) { i++; continue; } // a stray delimiter
      let j = i + 1;
      while (j < len && !CLASS[s[j]]) j++;
      if ((c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2b || c === 0x2e) {
        this.push(NUM, parseNumber(s, i, j), i, j);
        i = j;
        continue;
      }
      const at = i;
      i = j;
      if (j - at > 3) {
        // true, false and null are operands; any other long word is an operator we do not follow.
        const w = latin1(s, at, j);
        if (w === 'true' || w === 'false' || w === 'null') this.push(OTHER, 0, at, j);
        else this.n = 0;
        continue;
      }
      const word = c | ((j - at > 1 ? s[at + 1] : 0) << 8) | ((j - at > 2 ? s[at + 2] : 0) << 16);
      i = this.operator(word, s, i, resources, depth);
      this.n = 0;
    }
  }

  /** Carries out one operator; returns where lexing goes on (past inline image data after ID). */
  private operator(op: number, s: Uint8Array, i: number, resources: PDFDict | undefined, depth: number): number {
    const paint = PAINT.get(op);
    if (paint) {
      if (paint[0]) this.path.push(4);
      if (paint[2] && this.path.length) this.emit(paint[1]);
      this.path = [];
      return i;
    }
    switch (op) {
      case OP.q: this.saved.push(this.ctm); break;
      case OP.Q: this.ctm = this.saved.pop() ?? IDENTITY; break;
      case OP.cm: {
        const a = this.nums(6);
        if (a) this.ctm = mul([a[0], a[1], a[2], a[3], a[4], a[5]], this.ctm);
        break;
      }
      case OP.m: case OP.l: {
        const a = this.nums(2);
        if (a) { this.cx = a[0]; this.cy = a[1]; this.path.push(op === OP.m ? 0 : 1, a[0], a[1]); }
        break;
      }
      case OP.c: {
        const a = this.nums(6);
        if (a) { this.path.push(2, a[0], a[1], a[2], a[3], a[4], a[5]); this.cx = a[4]; this.cy = a[5]; }
        break;
      }
      case OP.v: {
        const a = this.nums(4);
        if (a) { this.path.push(2, this.cx, this.cy, a[0], a[1], a[2], a[3]); this.cx = a[2]; this.cy = a[3]; }
        break;
      }
      case OP.y: {
        const a = this.nums(4);
        if (a) { this.path.push(2, a[0], a[1], a[2], a[3], a[2], a[3]); this.cx = a[2]; this.cy = a[3]; }
        break;
      }
      case OP.h: this.path.push(4); break;
      case OP.re: {
        const a = this.nums(4);
        if (!a) break;
        const [x, y, w, h] = a;
        this.cx = x; this.cy = y;
        if (w === 0 || h === 0) this.path.push(0, x, y, 1, x + w, y + h, 4);
        else this.path.push(0, x, y, 1, x + w, y, 1, x + w, y + h, 1, x, y + h, 4);
        break;
      }
      case OP.BMC: this.out.marked.push({ actualText: null }); break;
      case OP.BDC: {
        const k = this.n - 1;
        let text: string | null = null;
        if (k >= 0 && this.kind[k] === DICT) text = actualTextIn(s, this.from[k], this.to[k]);
        else if (k >= 0 && this.kind[k] === NAME) text = actualTextOfName(latin1(s, this.from[k], this.to[k]), resources);
        this.out.marked.push({ actualText: text });
        break;
      }
      case OP.BI: this.out.images = true; break;
      case OP.ID: return skipInlineImage(s, i);
      case OP.Do: {
        const k = this.n - 1;
        if (k < 0 || this.kind[k] !== NAME || depth > 8) break;
        const xobj = resources?.lookupMaybe(PDFName.of('XObject'), PDFDict)?.lookup(PDFName.of(latin1(s, this.from[k], this.to[k])));
        if (!(xobj instanceof PDFStream)) break;
        const subtype = xobj.dict.lookup(PDFName.of('Subtype'));
        if (subtype === PDFName.of('Image')) this.out.images = true;
        else if (subtype === PDFName.of('Form')) {
          const own = xobj.dict.lookupMaybe(PDFName.of('Resources'), PDFDict);
          const matrix = formMatrix(xobj.dict);
          const [ctm, path, cx, cy, saved] = [this.ctm, this.path, this.cx, this.cy, this.saved.slice()];
          if (matrix) this.ctm = mul(matrix, this.ctm);
          this.path = [];
          this.walk(streamBytes(xobj), own ?? resources, depth + 1);
          [this.ctm, this.path, this.cx, this.cy] = [ctm, path, cx, cy];
          this.saved.splice(0, this.saved.length, ...saved);
        }
        break;
      }
    }
    return i;
  }

  /** The straight pieces of the painted path, in default user space; a thin filled rectangle as one line. */
  private emit(filled: boolean): void {
    pathSegments(Float32Array.from(this.path), filled, this.ctm, (x0, y0, x1, y1) => this.out.segments.push(x0, y0, x1, y1));
  }
}

/** After `ID`: past the inline image data, up to whitespace + `EI`. */
function skipInlineImage(s: Uint8Array, i: number): number {
  for (i++; i < s.length - 2; i++) {
    if (CLASS[s[i]] === 1 && s[i + 1] === 0x45 && s[i + 2] === 0x49 && (i + 3 >= s.length || CLASS[s[i + 3]] === 1)) return i + 3;
  }
  return s.length;
}

/** Each page's content (index = page - 1), or null for a page whose streams cannot be read. */
export async function contentByPage(bytes: Uint8Array): Promise<Array<PageContent | null>> {
  const doc = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: false });
  budget = EXTRACTION_LIMITS.maxPdfDecodedBytes;
  return doc.getPages().map((page) => {
    try {
      const contents = page.node.Contents();
      const streams = contents instanceof PDFArray ? contents.asArray().map((r) => page.doc.context.lookup(r)) : [contents];
      const parts = streams.map(streamBytes);
      const joined = new Uint8Array(parts.reduce((n, p) => n + p.length + 1, 0));
      let at = 0;
      for (const p of parts) {
        joined.set(p, at);
        joined[at + p.length] = 0x0a;
        at += p.length + 1;
      }
      const walker = new Walker();
      walker.walk(joined, page.node.Resources(), 0);
      return walker.out;
    } catch (e) {
      if (e instanceof StreamBudgetError) throw e;
      return null;
    }
  });
}
