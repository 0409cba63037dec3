/**
 * Text of an HTML element as lines: block elements (`<p>`, `<div>`, `<li>`…) and `<br>` end a line.
 * `$(td).text()` glues paragraphs together ("ประจำปี๒) สร้าง", THAI-TEXT-NOTES), so we never use it on cells.
 */
import type { CheerioAPI } from 'cheerio';
import type { AnyNode } from 'domhandler';

export const BLOCK_TAGS = new Set([
  'p', 'div', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre', 'blockquote',
  'section', 'article', 'main', 'header', 'footer', 'aside', 'figure', 'figcaption', 'caption', 'address',
  'table', 'tr', 'td', 'th', 'thead', 'tbody', 'tfoot', 'center', 'form', 'fieldset', 'hr', 'body', 'html',
]);

export const SKIPPED_TAGS = new Set(['script', 'style', 'noscript', 'template', 'nav', 'iframe', 'object', 'svg', 'head', 'select', 'button']);

export function blockLines($: CheerioAPI, node: AnyNode): string[] {
  const out: string[] = [''];
  const walk = (n: AnyNode) => {
    if (n.type === 'text') {
      out[out.length - 1] += (n as unknown as { data: string }).data.replace(/[\r\n\t]+/g, ' ');
      return;
    }
    if (n.type !== 'tag' && n.type !== 'script' && n.type !== 'style') return;
    const el = n as unknown as { tagName: string; children: AnyNode[] };
    const tag = el.tagName.toLowerCase();
    if (SKIPPED_TAGS.has(tag)) return;
    if (tag === 'br') {
      out.push('');
      return;
    }
    const block = BLOCK_TAGS.has(tag);
    if (block && out[out.length - 1].trim()) out.push('');
    for (const c of el.children) walk(c);
    if (block && out[out.length - 1].trim()) out.push('');
  };
  walk(node);
  return out.map((l) => l.replace(/ {2,}/g, ' ').trim()).filter((l) => l.length > 0);
}
