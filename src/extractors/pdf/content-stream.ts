/**
 * The `/ActualText` of every marked-content sequence on a page, in content-stream order (PDF 32000-1 §14.9.4).
 * LibreOffice writes the true text of a multi-glyph Thai cluster as `/Span <</ActualText …>> BDC … EMC`; pdf.js
 * reports the sequence (`beginMarkedContentProps`) but not its ActualText, so we read the content streams
 * ourselves (with pdf-lib) and pair the k-th BMC/BDC here with the k-th begin item of pdf.js. Form XObjects are
 * entered where they are drawn (`Do`), as pdf.js does.
 */
import { constants, inflateSync } from 'node:zlib';
import { EXTRACTION_LIMITS, mb } from '../limits.ts';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFStream, PDFString, decodePDFRawStream } from 'pdf-lib';

/** One BMC or BDC in drawing order; `actualText` is null when it has none. */
export interface MarkedContent {
  actualText: string | null;
}

type Token =
  | { t: 'op'; v: string }
  | { t: 'name'; v: string }
  | { t: 'str'; v: Uint8Array }
  | { t: 'dict'; v: Map<string, Token> }
  | { t: 'other' };

const WS = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIM = new Set([0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]);

class Lexer {
  i = 0;
  private readonly s: Uint8Array;
  constructor(s: Uint8Array) {
    this.s = s;
  }

  next(): Token | null {
    const s = this.s;
    for (;;) {
      while (this.i < s.length && WS.has(s[this.i])) this.i++;
      if (this.i >= s.length) return null;
      if (s[this.i] !== 0x25) break;
      while (this.i < s.length && s[this.i] !== 0x0a && s[this.i] !== 0x0d) this.i++; // comment
    }
    const c = s[this.i];
    if (c === 0x28) return { t: 'str', v: this.literal() };
    if (c === 0x3c && s[this.i + 1] === 0x3c) {
      this.i += 2;
      return { t: 'dict', v: this.dict() };
    }
    if (c === 0x3c) return { t: 'str', v: this.hex() };
    if (c === 0x2f) {
      this.i++;
      return { t: 'name', v: this.word() };
    }
    if (c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d || c === 0x3e || c === 0x29) {
      this.i++;
      return { t: 'other' };
    }
    const w = this.word();
    return /^[-+.\d]/.test(w) ? { t: 'other' } : { t: 'op', v: w };
  }

  private word(): string {
    const start = this.i;
    while (this.i < this.s.length && !WS.has(this.s[this.i]) && !DELIM.has(this.s[this.i])) this.i++;
    if (this.i === start) this.i++; // a stray delimiter: skip it
    return String.fromCharCode(...this.s.subarray(start, this.i));
  }

  private literal(): Uint8Array {
    const out: number[] = [];
    let depth = 0;
    this.i++;
    while (this.i < this.s.length) {
      const c = this.s[this.i++];
      if (c === 0x5c) {
        const e = this.s[this.i++];
        const map: Record<number, number> = { 0x6e: 10, 0x72: 13, 0x74: 9, 0x62: 8, 0x66: 12 };
        if (e in map) out.push(map[e]);
        else if (e >= 0x30 && e <= 0x37) {
          let oct = e - 0x30;
          for (let k = 0; k < 2 && this.s[this.i] >= 0x30 && this.s[this.i] <= 0x37; k++) oct = oct * 8 + (this.s[this.i++] - 0x30);
          out.push(oct & 0xff);
        } else if (e === 0x0d || e === 0x0a) {
          if (e === 0x0d && this.s[this.i] === 0x0a) this.i++;
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

  private hex(): Uint8Array {
    this.i++;
    let digits = '';
    while (this.i < this.s.length && this.s[this.i] !== 0x3e) {
      const ch = String.fromCharCode(this.s[this.i++]);
      if (/[0-9a-fA-F]/.test(ch)) digits += ch;
    }
    this.i++;
    if (digits.length % 2) digits += '0';
    return Uint8Array.from(digits.match(/../g) ?? [], (h) => parseInt(h, 16));
  }

  private dict(): Map<string, Token> {
    const m = new Map<string, Token>();
    let key: string | null = null;
    for (;;) {
      const s = this.s;
      while (this.i < s.length && WS.has(s[this.i])) this.i++;
      if (this.i >= s.length) return m;
      if (s[this.i] === 0x3e && s[this.i + 1] === 0x3e) {
        this.i += 2;
        return m;
      }
      const tok = this.next();
      if (!tok) return m;
      if (key === null) {
        if (tok.t === 'name') key = tok.v;
        continue;
      }
      m.set(key, tok);
      key = null;
    }
  }

  /** After `ID`: skip inline image data up to whitespace + `EI`. */
  skipInlineImage(): void {
    const s = this.s;
    this.i++;
    while (this.i < s.length - 2) {
      if (WS.has(s[this.i]) && s[this.i + 1] === 0x45 && s[this.i + 2] === 0x49 && (this.i + 3 >= s.length || WS.has(s[this.i + 3]))) {
        this.i += 3;
        return;
      }
      this.i++;
    }
    this.i = s.length;
  }
}

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

function actualTextOf(props: Token | undefined, resources: PDFDict | undefined): string | null {
  if (!props) return null;
  if (props.t === 'dict') {
    const at = props.v.get('ActualText');
    return at?.t === 'str' ? decodePdfTextString(at.v) : null;
  }
  if (props.t === 'name' && resources) {
    const list = resources.lookupMaybe(PDFName.of('Properties'), PDFDict)?.lookupMaybe(PDFName.of(props.v), PDFDict);
    const at = list?.lookup(PDFName.of('ActualText'));
    if (at instanceof PDFString || at instanceof PDFHexString) return at.decodeText();
  }
  return null;
}

function walk(content: Uint8Array, resources: PDFDict | undefined, out: MarkedContent[], depth: number): void {
  const lex = new Lexer(content);
  const operands: Token[] = [];
  for (let tok = lex.next(); tok; tok = lex.next()) {
    if (tok.t !== 'op') {
      operands.push(tok);
      continue;
    }
    switch (tok.v) {
      case 'BMC':
        out.push({ actualText: null });
        break;
      case 'BDC':
        out.push({ actualText: actualTextOf(operands[operands.length - 1], resources) });
        break;
      case 'ID':
        lex.skipInlineImage();
        break;
      case 'Do': {
        const name = operands[operands.length - 1];
        if (name?.t !== 'name' || depth > 8) break;
        const xobj = resources?.lookupMaybe(PDFName.of('XObject'), PDFDict)?.lookup(PDFName.of(name.v));
        if (xobj instanceof PDFStream && xobj.dict.lookup(PDFName.of('Subtype')) === PDFName.of('Form')) {
          const own = xobj.dict.lookupMaybe(PDFName.of('Resources'), PDFDict);
          walk(streamBytes(xobj), own ?? resources, out, depth + 1);
        }
        break;
      }
    }
    operands.length = 0;
  }
}

/** Marked-content sequences per page (index = page - 1), or null for a page whose streams cannot be read. */
export async function markedContentByPage(bytes: Uint8Array): Promise<Array<MarkedContent[] | null>> {
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
      const out: MarkedContent[] = [];
      walk(joined, page.node.Resources(), out, 0);
      return out;
    } catch (e) {
      if (e instanceof StreamBudgetError) throw e;
      return null;
    }
  });
}
