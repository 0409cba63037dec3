/** อัปโหลด Upload: drop files or ZIPs; each file's state updates live, then its result. */
import { api, el, main, onLeave, session, stateBadge } from '../lib.js';
import { flagList, scoresTable } from './report.js';

export function uploadPage() {
  const list = el('tbody');
  const input = el('input', { type: 'file', multiple: true, id: 'file-input' });
  // What the file picker offers comes from the format registry (GET /api/formats), not from a list kept here.
  api('GET', '/api/formats').then((f) => input.setAttribute('accept', f.accept.join(','))).catch(() => {});
  const province = el('input', { name: 'province', placeholder: 'เช่น บุรีรัมย์', value: session.me.provinces[0] ?? '' });
  const drop = el('div', { id: 'drop' }, el('p', {}, 'ลากไฟล์รายงานมาวางที่นี่ ', el('small', {}, '(drop PDF, DOCX, HTML, text or ZIP files here)')), input);
  const status = el('p', { class: 'muted', role: 'status' });
  const send = async (files) => {
    if (!files.length) return;
    const form = new FormData();
    if (province.value.trim()) form.append('province', province.value.trim());
    for (const f of files) form.append('file', f, f.name);
    status.textContent = `กำลังส่ง ${files.length} ไฟล์…`;
    try {
      const r = await api('POST', '/api/batches', form);
      status.textContent = `รับแล้ว ${r.files} ไฟล์ — batch ${r.id}`;
      follow(r.id);
    } catch (e) {
      status.textContent = `ส่งไม่สำเร็จ: ${e.message}`;
    }
  };
  const follow = (batchId) => {
    let live = true;
    onLeave(() => (live = false));
    const tick = async () => {
      if (!live) return;
      const b = await api('GET', `/api/batches/${batchId}`);
      list.replaceChildren(...b.table.map((r) => el('tr', { 'data-sha': r.sha256 },
        el('td', {}, r.file), el('td', {}, stateBadge(r.state)), el('td', {}, r.agency ?? '–'),
        el('td', { class: 'num' }, r.errors), el('td', { class: 'num' }, r.warnings),
        el('td', {}, el('a', { href: `#/report/${r.sha256}` }, 'ดูผล · result')))),
        ...b.failures.map((f) => el('tr', {}, el('td', {}, f.fileName), el('td', {}, stateBadge('failed')), el('td', { colspan: 4 }, f.reasonTh ?? f.reason, f.reasonTh ? el('small', {}, ` (${f.reason})`) : null))));
      if (b.complete) {
        status.textContent = `เสร็จแล้ว: ${b.progress.done}/${b.progress.reports} รายงาน`;
        if (b.table.length === 1 && !b.failures.length) location.hash = `#/report/${b.table[0].sha256}`;
      } else setTimeout(tick, 700);
    };
    tick();
  };
  input.addEventListener('change', () => send([...input.files]));
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => { e.preventDefault(); drop.classList.remove('over'); send([...e.dataTransfer.files]); });
  main.replaceChildren(
    el('h1', {}, 'อัปโหลดรายงาน ', el('small', {}, 'Upload reports')),
    el('div', { class: 'card' }, el('label', {}, 'จังหวัด ', el('small', {}, 'Province (optional)'), province), drop, status),
    el('table', { id: 'uploads' }, el('thead', {}, el('tr', {}, ...['ไฟล์ File', 'สถานะ State', 'หน่วยงาน Agency', 'error', 'warning', ''].map((h) => el('th', {}, h)))), list),
  );
}
