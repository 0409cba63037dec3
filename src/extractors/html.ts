/**
 * HTML (a saved web page, pasted table HTML, or mammoth's DOCX output) → document model.
 * Tables become grids; text outside tables becomes paragraphs, one span per line. Navigation, scripts and
 * styles are not document text. Provenance: the block index.
 */
import * as cheerio from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import type { Block, DocumentModel, SourceFormat } from '../model/document.ts';
import { span } from '../model/document.ts';
import { result, type Result } from '../model/result.ts';
import { tableToGrid } from './html-table.ts';
import { BLOCK_TAGS, SKIPPED_TAGS, blockLines } from './html-text.ts';

export function extractHtml(html: string, format: SourceFormat = 'html'): Result<DocumentModel> {
  const $ = cheerio.load(html);
  const blocks: Block[] = [];
  let inline: AnyNode[] = [];

  const flushInline = () => {
    if (inline.length === 0) return;
    const lines = inline.flatMap((n) => blockLines($, n));
    inline = [];
    const joined = lines.join(' ').trim();
    if (joined) pushParagraph([joined]);
  };
  const pushParagraph = (lines: string[]) => {
    const prov = { page: null, block: blocks.length };
    blocks.push({ kind: 'paragraph', spans: lines.map((l, i) => span(l, { ...prov, paragraph: i + 1 })), prov });
  };

  const hasBlockChild = (el: Element): boolean =>
    el.children.some((c) => c.type === 'tag' && (BLOCK_TAGS.has((c as Element).tagName.toLowerCase()) || hasBlockChild(c as Element)));

  const walk = (n: AnyNode) => {
    if (n.type === 'text') {
      inline.push(n);
      return;
    }
    if (n.type !== 'tag') return;
    const el = n as Element;
    const tag = el.tagName.toLowerCase();
    if (SKIPPED_TAGS.has(tag)) return;
    if (tag === 'table') {
      flushInline();
      const prov = { page: null, block: blocks.length };
      blocks.push({ kind: 'table', rows: tableToGrid($, $(el), prov), prov });
      return;
    }
    if (!BLOCK_TAGS.has(tag) && !hasBlockChild(el)) {
      inline.push(el);
      return;
    }
    flushInline();
    if (!hasBlockChild(el) && !el.children.some((c) => c.type === 'tag' && (c as Element).tagName === 'table')) {
      const lines = blockLines($, el);
      if (lines.length) pushParagraph(lines);
      return;
    }
    for (const c of el.children) walk(c);
    flushInline();
  };

  const root = $('body').get(0) ?? $.root().get(0);
  if (root) for (const c of (root as Element).children) walk(c);
  flushInline();
  return result({ format, pages: null, blocks });
}
