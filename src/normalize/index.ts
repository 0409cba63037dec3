/**
 * Normalisation in one fixed order. Each step is a pure function of a string (./rules.ts, ./wrap-spaces.ts);
 * spans keep their `raw` text, so provenance always shows what the document said.
 */
import type { Block, DocumentModel, Span } from '../model/document.ts';
import { checkWords } from './word-check.ts';
import type { Message } from '../model/result.ts';
import { result, type Result } from '../model/result.ts';
import {
  normalizeSpaces, removeSpaceBeforeCombiningMarks, removeZeroWidth, reorderToneMarks, repairSaraAm,
  repairThaiPuaGlyphs, thaiDigitsToArabic, toNfc,
} from './rules.ts';
import { getWordSegmenter, type WordSegmenter } from './segment-words.ts';
import { DAMAGE_LABEL_TH, findTextDamage } from './text-damage.ts';
import { removeWrapSpaces } from './wrap-spaces.ts';

/** The character-level steps, in order. Wrap spaces come last: they need the repaired characters. */
export const CHARACTER_STEPS: ReadonlyArray<readonly [string, (s: string) => string]> = [
  ['nfc', toNfc],
  ['zero-width', removeZeroWidth],
  ['pua-glyphs', repairThaiPuaGlyphs],
  ['spaces', normalizeSpaces],
  ['space-before-mark', removeSpaceBeforeCombiningMarks],
  ['sara-am', repairSaraAm],
  ['tone-order', reorderToneMarks],
  ['thai-digits', thaiDigitsToArabic],
];

export function normalizeText(raw: string, seg: WordSegmenter = getWordSegmenter()): string {
  let s = raw;
  for (const [, step] of CHARACTER_STEPS) s = step(s);
  return removeWrapSpaces(s, seg).trim();
}

function normalizeSpan(sp: Span, seg: WordSegmenter, messages: Message[]): Span {
  const text = normalizeText(sp.raw, seg);
  const pua = sp.raw.match(/[\uF700-\uF71A]/g);
  if (pua) {
    messages.push({
      code: 'PUA_GLYPHS_REPAIRED', severity: 'info',
      text: `${pua.length} Thai PUA glyph(s) mapped to standard code points`, where: sp.prov,
    });
  }
  for (const d of findTextDamage(text)) {
    messages.push({ code: 'TEXT_DAMAGED', severity: 'warning', text: `${DAMAGE_LABEL_TH[d.kind]} «${d.context}»`, where: sp.prov });
  }
  return { ...sp, text };
}

function normalizeBlock(b: Block, seg: WordSegmenter, messages: Message[]): Block {
  if (b.kind === 'paragraph') return { ...b, spans: b.spans.map((s) => normalizeSpan(s, seg, messages)) };
  return {
    ...b,
    rows: b.rows.map((row) => row.map((cell) => ({ ...cell, spans: cell.spans.map((s) => normalizeSpan(s, seg, messages)) }))),
  };
}

export function normalizeDocument(doc: DocumentModel, seg: WordSegmenter = getWordSegmenter()): Result<DocumentModel> {
  const messages: Message[] = [];
  const blocks = doc.blocks.map((b) => normalizeBlock(b, seg, messages));
  const normalized = { ...doc, blocks };
  messages.push(...checkWords(normalized, seg));
  return result(normalized, messages);
}
