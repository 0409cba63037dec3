/** The readable terminal summary of one result: report header, measures, scores table, flags by severity. */
import type { ExtractionResult, Severity } from '../model/extraction-result.ts';

const SEVERITY_LABEL: Record<Severity, string> = { error: 'ERROR', warning: 'WARNING', info: 'INFO' };
const num = (n: number | null) => (n === null ? '–' : String(n));
const clip = (s: string, n: number) => (s.length > n ? s.slice(0, n - 1) + '…' : s);

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
    out.push(`  ${m.no ?? '·'}. ${clip(m.title, 90)}${m.actions.length ? `  [${m.actions.length} actions]` : ''}`);
  }
  out.push('');
  out.push(`Scores (${r.scores.length}):`);
  out.push('  origin   measure  indicator                          year   score   base year  base   change');
  for (const s of r.scores) {
    const ind = s.indicator.no !== null ? `${s.indicator.no} ${s.indicator.name}` : `? ${s.indicator.statedName ?? ''}`;
    out.push(
      `  ${s.origin.padEnd(8)} ${num(s.measureNo).padEnd(8)} ${clip(ind, 34).padEnd(34)} ${num(s.year).padEnd(6)} ` +
        `${num(s.score).padEnd(7)} ${num(s.baselineYear).padEnd(10)} ${num(s.baselineScore).padEnd(6)} ${num(s.reportedChange)}`,
    );
  }
  out.push('');
  const bySeverity = (sev: Severity) => r.flags.filter((f) => f.severity === sev);
  out.push(`Flags: ${bySeverity('error').length} error, ${bySeverity('warning').length} warning, ${bySeverity('info').length} info`);
  for (const sev of ['error', 'warning', 'info'] as const) {
    for (const f of bySeverity(sev)) {
      const where = [f.target.measureNo !== null ? `measure ${f.target.measureNo}` : null, f.target.indicatorNo !== null ? `indicator ${f.target.indicatorNo}` : null, f.target.field]
        .filter(Boolean).join(', ');
      out.push(`  ${SEVERITY_LABEL[sev].padEnd(7)} ${f.code} (${where})${f.expected !== undefined ? ` expected ${JSON.stringify(f.expected)}` : ''}`);
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
