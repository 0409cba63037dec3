/**
 * A block's spans joined into one searchable string, with a way back from a character offset to the span
 * (and so to its line, page and original snippet). Spans are joined with "\n": patterns treat it as a space.
 */
import type { Provenance, Span } from '../model/document.ts';

export interface TextView {
  text: string;
  spans: Span[];
  /** Provenance of the span holding the character at `offset` (the original snippet in `text`). */
  provAt(offset: number): Provenance;
}

export function textView(spans: Span[]): TextView {
  const starts: number[] = [];
  let text = '';
  for (const s of spans) {
    if (text) text += '\n';
    starts.push(text.length);
    text += s.text;
  }
  return {
    text,
    spans,
    provAt(offset) {
      let i = 0;
      while (i + 1 < starts.length && starts[i + 1] <= offset) i++;
      const s = spans[i];
      return s ? { ...s.prov, text: s.raw } : { page: null };
    },
  };
}

/** Text with all whitespace removed, and for each kept character its offset in the original. */
export function squeeze(text: string): { text: string; index: number[] } {
  let out = '';
  const index: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (/\s/.test(text[i])) continue;
    out += text[i];
    index.push(i);
  }
  return { text: out, index };
}
