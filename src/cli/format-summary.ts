/** The readable terminal summary of one result: report header, measures, scores table, flags by severity. */
import stringWidth from 'string-width';
import type { ExtractionResult, Severity } from '../model/extraction-result.ts';
import { FLAGS } from '../model/flags.ts';

const SEVERITY_LABEL: Record<Severity, string> = { error: 'ERROR', warning: 'WARNING', info: 'INFO' };
const num = (n: number | null) => (n === null ? '–' : String(n));

/**
 * Columns are padded by display width, not by characters: Thai marks above and below a letter take no column,
 * so padding by .length would pull Thai rows left of their header.
 */
export function padW(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - stringWidth(s)));
}

const graphemes = new Intl.Segmenter('th', { granularity: 'grapheme' });

/** At most `width` columns, cut between graphemes (a letter keeps its marks), with an ellipsis. */
export function clipW(s: string, width: number): string {
  if (stringWidth(s) <= width) return s;
  let out = '';
  for (const { segment } of graphemes.segment(s)) {
    if (stringWidth(out + segment + '…') > width) break;
    out += segment;
  }
  return out + '…';
}

export function formatSummary(r: ExtractionResult): string {
  const out: string[] = [];
  const a = r.report.agency;
  out.push(`${r.source.fileName}  [${r.source.format}${r.source.pages ? `, ${r.source.pages} pages` : ''}]  sha256 ${r.source.sha256.slice(0, 12)}…`);
  out.push(`Title:        ${r.report.title ?? '–'}`);
  out.push(`Fiscal year:  ${num(r.report.fiscalYear)}`);
  out.push(`Agency:       ${a.name ?? '–'}${a.kind ? ` (${a.kind})` : ''}${a.province ? `, จังหวัด${a.province}` : ''}`);
  out.push('');
  out.push(`Measures (${r.measures.length}):`);
  for (const m of r.measures) {
    out.push(`  ${m.no ?? '·'}. ${clipW(m.title, 90)}${m.actions.length ? `  [${m.actions.length} actions]` : ''}`);
  }
  out.push('');
  out.push(`Scores (${r.scores.length}):`);
  out.push('  origin   measure  indicator                          year   score   base year  base   change');
  for (const s of r.scores) {
    const ind = s.indicator.no !== null ? `${s.indicator.no} ${s.indicator.name}` : `? ${s.indicator.statedName ?? ''}`;
    out.push(
      `  ${padW(s.origin, 8)} ${padW(num(s.measureNo), 8)} ${padW(clipW(ind, 34), 34)} ${padW(num(s.year), 6)} ` +
        `${padW(num(s.score), 7)} ${padW(num(s.baselineYear), 10)} ${padW(num(s.baselineScore), 6)} ${num(s.reportedChange)}`,
    );
  }
  out.push('');
  const bySeverity = (sev: Severity) => r.flags.filter((f) => f.severity === sev);
  out.push(`Flags: ${bySeverity('error').length} error, ${bySeverity('warning').length} warning, ${bySeverity('info').length} info`);
  for (const sev of ['error', 'warning', 'info'] as const) {
    for (const f of bySeverity(sev)) {
      const where = [f.target.measureNo !== null ? `measure ${f.target.measureNo}` : null, f.target.indicatorNo !== null ? `indicator ${f.target.indicatorNo}` : null, f.target.field]
        .filter(Boolean).join(', ');
      out.push(`  ${SEVERITY_LABEL[sev].padEnd(7)} ${FLAGS[f.code].th} · ${f.code} (${where})${f.expected !== undefined ? ` expected ${JSON.stringify(f.expected)}` : ''}`);
      out.push(`          ${f.message}`);
    }
  }
  const notes = r.messages.filter((m) => m.severity !== 'info');
  if (notes.length) {
    out.push('');
    out.push(`Extraction messages (${notes.length}):`);
    for (const m of notes.slice(0, 20)) out.push(`  ${m.code}: ${m.text}`);
  }
  return out.join('\n');
}
