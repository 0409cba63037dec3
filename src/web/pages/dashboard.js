/** แดชบอร์ดจังหวัด Province dashboard: a batch's states, open flags, score distributions and the agency × indicator table. */
import { api, el, main, num, STATE, stateBadge, svg, thaiDate } from '../lib.js';

function histogram(title, values) {
  const w = 300, h = 120, bins = [0, 60, 70, 80, 85, 90, 95, 100.01];
  const counts = bins.slice(0, -1).map((b, i) => values.filter((v) => v >= b && v < bins[i + 1]).length);
  const max = Math.max(1, ...counts);
  const bw = (w - 20) / counts.length;
  return el('figure', { class: 'card' }, el('figcaption', {}, title),
    svg('svg', { viewBox: `0 0 ${w} ${h + 20}`, role: 'img', 'aria-label': title },
      ...counts.map((c, i) => svg('g', {},
        svg('rect', { x: 10 + i * bw, y: h - (c / max) * (h - 10), width: bw - 4, height: (c / max) * (h - 10), fill: bins[i] >= 85 ? '#12b76a' : '#f79009' }),
        svg('text', { x: 10 + i * bw + bw / 2 - 2, y: h + 14, 'font-size': 9, 'text-anchor': 'middle' }, bins[i]),
        c ? svg('text', { x: 10 + i * bw + bw / 2 - 2, y: h - (c / max) * (h - 10) - 2, 'font-size': 10, 'text-anchor': 'middle' }, c) : null))));
}

export async function dashboardPage(id) {
  const list = await api('GET', '/api/batches');
  if (!id && list.items[0]) id = list.items[0].id;
  const picker = el('select', { onchange: (e) => (location.hash = `#/dashboard/${e.target.value}`) },
    ...list.items.map((b) => el('option', { value: b.id, selected: b.id === id }, `${b.province ?? 'ไม่ระบุจังหวัด'} · ${thaiDate(b.created_at)} · ${b.files} ไฟล์`)));
  if (!id) {
    main.replaceChildren(el('h1', {}, 'แดชบอร์ดจังหวัด'), el('p', {}, 'ยังไม่มีชุดรายงาน · no batches yet'));
    return;
  }
  const b = await api('GET', `/api/batches/${id}`);
  const INDS = b.indicators.map((x) => x.no);
  const indName = Object.fromEntries(b.indicators.map((x) => [x.no, x.name]));
  const byState = Object.entries(b.progress.byState).map(([s, n]) => el('li', {}, stateBadge(s), ` ${n}`));
  const states = ['clean', 'needs_review', 'failed', 'returned', 'extracting', 'received'].map((s) => [s, b.progress.byState[s] ?? 0]).filter(([, n]) => n);
  const maxState = Math.max(1, ...states.map(([, n]) => n));
  const colors = { clean: '#12b76a', needs_review: '#f79009', failed: '#f04438', returned: '#f04438' };
  const stateChart = svg('svg', { viewBox: `0 0 300 ${states.length * 26 + 4}`, role: 'img', 'aria-label': 'reports by state', id: 'state-chart' },
    ...states.map(([s, n], i) => svg('g', {},
      svg('text', { x: 0, y: i * 26 + 17, 'font-size': 11 }, STATE[s] ?? s),
      svg('rect', { x: 90, y: i * 26 + 4, width: (n / maxState) * 180, height: 18, fill: colors[s] ?? '#98a2b3' }),
      svg('text', { x: 95 + (n / maxState) * 180, y: i * 26 + 17, 'font-size': 11 }, n))));
  // Open flags of this batch (not of the whole province), by code with its Thai title.
  const codes = {};
  const flagsReq = await api('GET', `/api/flags?state=open&pageSize=100&batch=${id}`).catch(() => ({ items: [] }));
  for (const f of flagsReq.items) codes[f.code] = { n: (codes[f.code]?.n ?? 0) + 1, title: f.title };
  const exportLinks = ['xlsx', 'csv', 'json'].map((f) => el('a', { href: `/api/batches/${id}/export.${f}`, class: 'export', 'data-format': f }, f.toUpperCase()));
  main.replaceChildren(
    el('h1', {}, `แดชบอร์ดจังหวัด${b.province ?? ''} `, el('small', {}, 'Province dashboard')),
    el('p', {}, picker, ' ', 'ส่งออก export: ', ...exportLinks.flatMap((a) => [a, ' '])),
    el('div', { class: 'charts' },
      el('div', { class: 'card' }, el('h2', {}, 'รายงานตามสถานะ ', el('small', {}, 'reports by state · needing review')), stateChart, el('ul', {}, ...byState)),
      el('div', { class: 'card' }, el('h2', {}, 'ข้อสังเกตที่ยังเปิด ', el('small', {}, 'open flags by code')), el('ul', { id: 'open-flags' }, ...Object.entries(codes).map(([c, x]) => el('li', {}, el('a', { href: `#/review?code=${c}&batch=${id}` }, x.title ?? c), ' ', el('small', {}, el('code', {}, c)), ` ${x.n}`)))),
      ...INDS.map((n) => ({ n, values: b.table.map((r) => r.scores[n]).filter((v) => v !== null && v !== undefined) }))
        .filter((x) => x.values.length).map((x) => histogram(`ตัวชี้วัดที่ ${x.n} ${indName[x.n] ?? ''}: การกระจายคะแนน (${x.values.length})`, x.values))),
    el('div', { class: 'card' }, el('h2', {}, 'หน่วยงาน × ตัวชี้วัด ', el('small', {}, 'agency × indicator')),
      el('table', { id: 'province-table' },
        el('thead', {}, el('tr', {}, el('th', {}, 'หน่วยงาน'), el('th', {}, 'ปี'), el('th', {}, 'สถานะ'), ...INDS.map((n) => el('th', { title: indName[n], class: 'ind' }, String(n), el('small', {}, indName[n]))), el('th', {}, 'ข้อผิดพลาด ', el('small', {}, 'error')), el('th', {}, 'ควรตรวจ ', el('small', {}, 'warning')))),
        el('tbody', {}, ...b.table.map((r) => el('tr', {},
          el('td', {}, el('a', { href: `#/report/${r.sha256}` }, r.agency ?? r.file)), el('td', {}, num(r.fiscalYear)), el('td', {}, stateBadge(r.state)),
          ...INDS.map((n) => el('td', { class: 'num' }, num(r.scores[n]))), el('td', { class: 'num' }, r.errors), el('td', { class: 'num' }, r.warnings)))))),
  );
}
