/** One report: state, the note if it was sent back, flags, scores, measures. */
import { api, el, main, num, SEV, stateBadge } from '../lib.js';

export function flagList(flags) {
  const groups = ['error', 'warning', 'info'].map((sev) => {
    const items = flags.filter((f) => f.severity === sev);
    if (!items.length) return null;
    return el('section', {}, el('h3', {}, `${SEV[sev]} (${items.length})`),
      ...items.map((f) => el('div', { class: `flag ${sev}`, 'data-code': f.code },
        el('code', {}, f.code), ' ', el('span', {}, f.message),
        f.review && f.review.state !== 'open' ? el('span', { class: 'muted' }, ` — ${f.review.state} (${f.review.by})`) : null)));
  });
  return groups.filter(Boolean).length ? groups : [el('p', {}, 'ไม่พบข้อสังเกต · no flags')];
}

export async function reportPage(id) {
  main.replaceChildren(el('p', {}, 'กำลังโหลด…'));
  const r = await api('GET', `/api/reports/${id}`);
  if (!r.result) {
    main.replaceChildren(el('h1', {}, r.fileName), stateBadge(r.state), el('p', { class: 'error', id: 'failure-reason' }, r.failureReasonTh ?? r.failureReason ?? 'ยังอ่านไม่เสร็จ', r.failureReasonTh ? el('small', {}, ` (${r.failureReason})`) : null));
    return;
  }
  const x = r.result;
  const a = x.report.agency;
  main.replaceChildren(
    el('h1', {}, x.report.title ?? r.fileName),
    el('p', {}, stateBadge(r.state), ' ', `${a.name ?? '–'} · จังหวัด${a.province ?? '–'} · ปีงบประมาณ ${num(x.report.fiscalYear)} · ${x.source.format}${x.source.pages ? `, ${x.source.pages} หน้า` : ''}`,
      ' · ', el('a', { href: `/api/reports/${id}/original`, target: '_blank' }, 'ต้นฉบับ · original')),
    r.state === 'returned' ? el('div', { class: 'card returned', id: 'returned-note', role: 'alert' },
      el('h2', {}, 'ส่งกลับให้แก้ไข ', el('small', {}, 'Sent back to the agency')), el('p', {}, r.returnedNote ?? '')) : null,
    el('div', { class: 'card' }, el('h2', {}, 'ข้อสังเกต ', el('small', {}, 'Flags')), ...flagList(r.flags)),
    el('div', { class: 'card' }, el('h2', {}, 'คะแนน ', el('small', {}, 'Scores')), scoresTable(x.scores)),
    el('div', { class: 'card' }, el('h2', {}, `มาตรการ (${x.measures.length}) `, el('small', {}, 'Measures')),
      el('table', {}, el('thead', {}, el('tr', {}, ...['ที่', 'มาตรการ/กิจกรรม', 'สรุปผลการดำเนินการ', 'ผลลัพธ์'].map((h) => el('th', {}, h)))),
        el('tbody', {}, ...x.measures.map((m) => el('tr', {}, el('td', {}, num(m.no)), el('td', {}, m.title), el('td', {}, m.summary), el('td', {}, m.outcome)))))),
  );
}

/** compact: for the review card beside the original (fits 1366 px): the indicator by number, its name on hover. */
export function scoresTable(scores, compact = false) {
  return el('table', { class: `scores${compact ? ' compact' : ''}` },
    el('thead', {}, el('tr', {}, ...(compact ? ['มาตรการ', 'ตัวชี้วัด', 'ปี', 'คะแนน', 'ปีฐาน', 'คะแนนฐาน', 'ผลต่าง'] : ['ที่มา origin', 'มาตรการ', 'ตัวชี้วัด indicator', 'ปี', 'คะแนน', 'ปีฐาน', 'คะแนนฐาน', 'เปลี่ยนแปลง change']).map((h) => el('th', {}, h)))),
    el('tbody', {}, ...scores.map((s) => el('tr', {},
      compact ? null : el('td', {}, s.origin), el('td', {}, num(s.measureNo)),
      el('td', { title: s.indicator.name ?? s.indicator.statedName ?? '' }, compact ? num(s.indicator.no) : s.indicator.no ? `${s.indicator.no} ${s.indicator.name}` : `? ${s.indicator.statedName ?? ''}`),
      el('td', {}, num(s.year)), el('td', { class: 'num' }, num(s.score)), el('td', {}, num(s.baselineYear)),
      el('td', { class: 'num' }, num(s.baselineScore)),
      el('td', { class: 'num' }, num(s.reportedChange), s.provenance.corrected ? el('small', { title: 'corrected' }, ' ✎') : null)))));
}
