// ita-ingest web UI. Document text is only ever inserted as text (el() makes text nodes, never HTML).
const main = document.getElementById('main');
let me = null;
let csrf = null;

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (k === 'class') node.className = v;
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}
const svg = (tag, attrs = {}, ...children) => {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  for (const c of children.flat()) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
};

async function api(method, url, body) {
  const headers = {};
  if (csrf && method !== 'GET') headers['x-csrf-token'] = csrf;
  let payload = body;
  if (body && !(body instanceof FormData)) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const r = await fetch(url, { method, headers, body: payload, credentials: 'same-origin' });
  const data = r.headers.get('content-type')?.includes('json') ? await r.json() : null;
  if (r.status === 401 && url !== '/api/login') {
    showLogin();
    throw new Error(data?.message ?? 'please log in');
  }
  if (!r.ok) throw new Error(data?.message ?? `${r.status}`);
  return data;
}

const SEV = { error: 'ข้อผิดพลาด · error', warning: 'ควรตรวจ · warning', info: 'ข้อสังเกต · info' };
const STATE = { received: 'รับแล้ว', extracting: 'กำลังอ่าน', clean: 'เรียบร้อย', needs_review: 'รอตรวจทาน', failed: 'อ่านไม่ได้', returned: 'ส่งกลับ' };
const stateBadge = (s) => el('span', { class: `state ${s}`, 'data-state': s }, `${STATE[s] ?? s} · ${s}`);
const num = (v) => (v === null || v === undefined ? '–' : String(v));

function showLogin() {
  document.getElementById('nav').hidden = true;
  main.replaceChildren(document.getElementById('login-tpl').content.cloneNode(true));
  document.getElementById('login').addEventListener('submit', async (e) => {
    e.preventDefault();
    const f = new FormData(e.target);
    try {
      const r = await api('POST', '/api/login', { username: f.get('username'), password: f.get('password') });
      me = r.user;
      csrf = r.csrfToken;
      startApp();
    } catch (err) {
      document.getElementById('login-error').textContent = err.message === 'wrong username or password' ? 'ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง (wrong username or password)' : err.message;
    }
  });
}

function startApp() {
  document.getElementById('nav').hidden = false;
  document.getElementById('who').textContent = `${me.username} (${me.role}${me.provinces.length ? ` · ${me.provinces.join(', ')}` : ''})`;
  if (!location.hash || location.hash === '#/') location.hash = '#/upload';
  route();
}

document.getElementById('logout').addEventListener('click', async () => {
  await api('POST', '/api/logout').catch(() => {});
  me = csrf = null;
  location.hash = '';
  showLogin();
});

let stopPolling = () => {};
async function route() {
  stopPolling();
  document.onkeydown = null;
  const [, page, id] = location.hash.split('?')[0].split('/');
  for (const a of document.querySelectorAll('#nav a')) a.classList.toggle('active', a.getAttribute('href') === `#/${page}`);
  if (page === 'report') return reportPage(id);
  if (page === 'dashboard') return dashboardPage(id);
  if (page === 'review') return reviewPage();
  return uploadPage();
}
window.addEventListener('hashchange', () => me && route());

// ---------------------------------------------------------------- upload
function uploadPage() {
  const list = el('tbody');
  const input = el('input', { type: 'file', multiple: true, id: 'file-input', accept: '.pdf,.docx,.html,.htm,.txt,.zip' });
  const province = el('input', { name: 'province', placeholder: 'เช่น บุรีรัมย์', value: me.provinces[0] ?? '' });
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
    stopPolling = () => (live = false);
    const tick = async () => {
      if (!live) return;
      const b = await api('GET', `/api/batches/${batchId}`);
      list.replaceChildren(...b.table.map((r) => el('tr', { 'data-sha': r.sha256 },
        el('td', {}, r.file), el('td', {}, stateBadge(r.state)), el('td', {}, r.agency ?? '–'),
        el('td', { class: 'num' }, r.errors), el('td', { class: 'num' }, r.warnings),
        el('td', {}, el('a', { href: `#/report/${r.sha256}` }, 'ดูผล · result')))),
        ...b.failures.map((f) => el('tr', {}, el('td', {}, f.fileName), el('td', {}, stateBadge('failed')), el('td', { colspan: 4 }, f.reason))));
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

// ---------------------------------------------------------------- one report
function flagList(flags) {
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

async function reportPage(id) {
  main.replaceChildren(el('p', {}, 'กำลังโหลด…'));
  const r = await api('GET', `/api/reports/${id}`);
  if (!r.result) {
    main.replaceChildren(el('h1', {}, r.fileName), stateBadge(r.state), el('p', { class: 'error' }, r.failureReason ?? 'ยังอ่านไม่เสร็จ (not processed yet)'));
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
function scoresTable(scores, compact = false) {
  return el('table', { class: `scores${compact ? ' compact' : ''}` },
    el('thead', {}, el('tr', {}, ...(compact ? ['มาตรการ', 'ตัวชี้วัด', 'ปี', 'คะแนน', 'ปีฐาน', 'คะแนนฐาน', 'ผลต่าง'] : ['ที่มา origin', 'มาตรการ', 'ตัวชี้วัด indicator', 'ปี', 'คะแนน', 'ปีฐาน', 'คะแนนฐาน', 'เปลี่ยนแปลง change']).map((h) => el('th', {}, h)))),
    el('tbody', {}, ...scores.map((s) => el('tr', {},
      compact ? null : el('td', {}, s.origin), el('td', {}, num(s.measureNo)),
      el('td', { title: s.indicator.name ?? s.indicator.statedName ?? '' }, compact ? num(s.indicator.no) : s.indicator.no ? `${s.indicator.no} ${s.indicator.name}` : `? ${s.indicator.statedName ?? ''}`),
      el('td', {}, num(s.year)), el('td', { class: 'num' }, num(s.score)), el('td', {}, num(s.baselineYear)),
      el('td', { class: 'num' }, num(s.baselineScore)),
      el('td', { class: 'num' }, num(s.reportedChange), s.provenance.corrected ? el('small', { title: 'corrected' }, ' ✎') : null)))));
}

// ---------------------------------------------------------------- dashboard
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

async function dashboardPage(id) {
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

// ---------------------------------------------------------------- review queue
let pdfjs = null;
async function loadPdfJs() {
  if (!pdfjs) {
    pdfjs = await import('/vendor/pdfjs/pdf.min.mjs');
    pdfjs.GlobalWorkerOptions.workerSrc = '/vendor/pdfjs/pdf.worker.min.mjs';
  }
  return pdfjs;
}

const THAI = '๐๑๒๓๔๕๖๗๘๙';
const thaiDigits = (s) => s.replace(/\d/g, (d) => THAI[d]);

/** The original text with the value marked: text nodes around a <mark>, never HTML. */
function markedSnippet(text, needle) {
  const forms = needle ? [needle, thaiDigits(needle)] : [];
  const digit = /[0-9๐-๙]/;
  for (const f of forms) {
    // The whole number only: "19.6" must not mark the start of "19.67".
    for (let i = text.indexOf(f); i >= 0; i = text.indexOf(f, i + 1)) {
      const before = text[i - 1] ?? '';
      const after = text.slice(i + f.length, i + f.length + 2);
      if (digit.test(before) || digit.test(after[0] ?? '') || (after[0] === '.' && digit.test(after[1] ?? ''))) continue;
      return el('div', { class: 'snippet' }, text.slice(0, i), el('mark', {}, text.slice(i, i + f.length)), text.slice(i + f.length));
    }
  }
  return el('div', { class: 'snippet' }, text);
}

async function pdfView(sha, prov) {
  const box = el('div', { class: 'viewer', id: 'pdf-view' });
  const lib = await loadPdfJs();
  const doc = await lib.getDocument({ url: `/api/reports/${sha}/original`, withCredentials: true }).promise;
  const page = await doc.getPage(prov.page);
  const scale = 1.3;
  const viewport = page.getViewport({ scale });
  const canvas = el('canvas', { width: Math.floor(viewport.width), height: Math.floor(viewport.height) });
  await page.render({ canvasContext: canvas.getContext('2d'), viewport, canvas }).promise;
  box.append(canvas);
  if (prov.bbox) {
    const [x0, y0, x1, y1] = prov.bbox;
    box.append(el('div', { class: 'highlight', id: 'highlight', 'data-page': prov.page, style: `left:${x0 * scale}px;top:${y0 * scale}px;width:${(x1 - x0) * scale}px;height:${(y1 - y0) * scale}px` }));
  }
  // Scroll the page image, not the page: the heading and "n / N" stay in view.
  requestAnimationFrame(() => {
    const h = box.querySelector('.highlight');
    if (h) box.scrollTop = Math.max(0, h.offsetTop - box.clientHeight / 2);
  });
  return el('div', {}, el('p', { class: 'muted' }, `หน้า ${prov.page} (page ${prov.page})`), box);
}

const FIELD_TH = { score: 'คะแนน', baselineScore: 'คะแนนปีฐาน', reportedChange: 'ผลต่างที่รายงาน', year: 'ปีของคะแนน', baselineYear: 'ปีฐาน', fiscalYear: 'ปีงบประมาณ', agency: 'หน่วยงาน' };
const ACTION_TH = { confirm: 'ยืนยันว่าเอกสารผิด', correct: 'แก้ค่าที่อ่าน', dismiss: 'ไม่ใช่ปัญหา', return: 'ส่งกลับหน่วยงาน' };
const REVIEW_STATE = { open: 'รอตรวจ · open', confirmed: 'ยืนยันแล้ว · confirmed', corrected: 'แก้แล้ว · corrected', dismissed: 'ไม่ใช่ปัญหา · dismissed' };
/** A date-time as Thai readers write it: day month พ.ศ., 24-hour time. */
const thaiDate = (iso) => new Date(iso).toLocaleString('th-TH', { dateStyle: 'medium', timeStyle: 'short' });

/** The queue's filters, kept in the URL (#/review?state=…&code=…) so a filtered queue can be shared. */
async function reviewFilters(params) {
  const [codes, batches] = await Promise.all([api('GET', '/api/flag-codes'), api('GET', '/api/batches')]);
  const select = (name, label, options) => el('label', {}, label,
    el('select', { name, id: `filter-${name}` }, ...options.map(([v, t]) => el('option', { value: v, selected: params.get(name) === v || (!params.get(name) && v === '') }, t))));
  const form = el('form', { class: 'filters', id: 'review-filters' },
    select('state', 'สถานะ', Object.entries(REVIEW_STATE).map(([k, t]) => [k === 'open' ? '' : k, t])),
    select('severity', 'ความรุนแรง', [['', 'ทั้งหมด · all'], ...Object.entries(SEV)]),
    select('code', 'ข้อสังเกต', [['', 'ทั้งหมด · all'], ...codes.items.map((c) => [c.code, `${c.th} · ${c.code}`])]),
    select('province', 'จังหวัด', [['', 'ทั้งหมด · all'], ...[...new Set([...(me.provinces ?? []), ...batches.items.map((b) => b.province).filter(Boolean)])].map((p) => [p, p])]),
    select('batch', 'ชุดงาน', [['', 'ทั้งหมด · all'], ...batches.items.map((b) => [b.id, `${b.province ?? 'ไม่ระบุจังหวัด'} · ${thaiDate(b.created_at)} · ${b.files} ไฟล์`])]));
  form.addEventListener('change', () => {
    const q = new URLSearchParams();
    for (const [k, v] of new FormData(form)) if (v) q.set(k, String(v));
    location.hash = `#/review?${q}`;
  });
  return form;
}

/** Each visit of the review page has its number: a slower earlier visit (a PDF still rendering) must not take the
 * keyboard or the screen from the current one. */
let reviewVisit = 0;

async function reviewPage() {
  const visit = ++reviewVisit;
  const params = new URLSearchParams(location.hash.split('?')[1] ?? '');
  const query = new URLSearchParams({ state: params.get('state') || 'open', pageSize: '100' });
  for (const k of ['code', 'severity', 'province', 'report', 'batch']) if (params.get(k)) query.set(k, params.get(k));
  const [q, filters] = await Promise.all([api('GET', `/api/flags?${query}`), reviewFilters(params)]);
  let i = 0;
  // What the last decision did stays said after the queue moves on to the next flag.
  let lastStatus = '';
  const detail = el('div');
  const show = async () => {
    if (!q.items.length) {
      detail.replaceChildren(el('p', { role: 'status', id: 'review-status' }, lastStatus), el('p', { id: 'queue-empty' }, 'ไม่มีข้อสังเกตที่ตรงกับตัวกรอง · nothing in the queue for these filters'));
      return;
    }
    const f = q.items[i];
    const [rep, history] = await Promise.all([api('GET', `/api/reports/${f.sha256}`), api('GET', `/api/reports/${f.sha256}/history`)]);
    if (visit !== reviewVisit) return;
    const t = f.target;
    const related = rep.result.scores.filter((s) => (t.measureNo !== null ? s.origin === 'measure' && s.measureNo === t.measureNo : s.origin === 'summary') && (t.indicatorNo === null || s.indicator.no === t.indicatorNo));
    const ev = (f.evidence ?? [])[0] ?? related[0]?.provenance ?? null;
    const field = t.field;
    const stated = related[0]?.stated?.[field] ?? (related[0] ? related[0][field] : null);
    const value = el('input', { id: 'correct-value', inputmode: 'decimal', value: f.expected ?? stated ?? '', 'aria-label': 'ค่าที่ถูกต้อง corrected value' });
    const note = el('input', { id: 'correct-note', placeholder: 'หมายเหตุ note' });
    const backNote = el('input', { id: 'return-note', placeholder: 'สิ่งที่หน่วยงานต้องแก้ · what the agency must fix', 'aria-label': 'หมายเหตุส่งกลับ note to the agency' });
    const msg = el('p', { role: 'status', id: 'review-status' }, lastStatus);
    const say = (text) => { lastStatus = text; msg.textContent = text; };
    const next = () => {
      q.items.splice(i, 1);
      if (i >= q.items.length) i = Math.max(0, q.items.length - 1);
      setTimeout(show, 300);
    };
    const act = async (action) => {
      try {
        const body = { action, note: note.value || undefined };
        if (action === 'correct') body.value = field === 'agency' ? value.value : Number(value.value);
        const r = await api('POST', `/api/flags/${f.id}/resolve`, body);
        say(`${ACTION_TH[action]} ✓ · ${r.state} · รายงาน ${STATE[r.reportState] ?? r.reportState}`);
        next();
      } catch (e) {
        msg.textContent = e.message;
      }
    };
    const sendBack = async () => {
      if (!backNote.value.trim()) {
        msg.textContent = 'เขียนสิ่งที่หน่วยงานต้องแก้ก่อนส่งกลับ · write what the agency must fix first';
        backNote.focus();
        return;
      }
      try {
        await api('POST', `/api/reports/${f.sha256}/return`, { note: backNote.value.trim() });
        say(`${ACTION_TH.return} ✓ · ${f.report.fileName}`);
        // The report's other flags go with it: they leave this queue.
        q.items = q.items.filter((x) => x.sha256 !== f.sha256);
        i = Math.min(i, Math.max(0, q.items.length - 1));
        setTimeout(show, 300);
      } catch (e) {
        msg.textContent = e.message;
      }
    };
    let original;
    if (rep.result.source.format === 'pdf' && ev?.page) original = await pdfView(f.sha256, ev);
    else original = ev?.text ? markedSnippet(ev.text, related[0]?.stated?.score && field === 'score' ? related[0].stated.score : stated != null ? String(stated).replace(/^-/, '') : null) : el('p', {}, 'ไม่มีต้นฉบับให้แสดง');
    if (visit !== reviewVisit) return;
    const card = el('div', { class: 'card', id: 'flag-card', 'data-code': f.code, tabindex: '-1' },
      el('p', { class: 'muted', id: 'queue-position' }, `${i + 1} / ${q.items.length} · ${f.report.fileName}`),
      el('h2', {}, f.title ?? f.code, ' ', el('small', {}, el('code', {}, f.code), ' · ', SEV[f.severity])),
      f.explain ? el('p', { class: 'muted' }, f.explain) : null,
      el('p', {}, f.message),
      el('p', {}, `${f.report.agency ?? ''} · มาตรการ ${num(t.measureNo)} · ตัวชี้วัด ${num(t.indicatorNo)}${field ? ` · ${FIELD_TH[field] ?? field} (${field})` : ''}`),
      related.length ? scoresTable(related, true) : null,
      f.expected !== null && f.expected !== undefined ? el('p', {}, 'ค่าที่คำนวณได้ expected: ', el('strong', {}, JSON.stringify(f.expected))) : null,
      el('div', { class: 'decide' },
        el('label', {}, 'แก้เป็น ', el('small', {}, 'correct to'), value), el('label', {}, 'หมายเหตุ ', el('small', {}, 'note'), note)),
      el('p', { class: 'buttons' },
        el('button', { id: 'btn-confirm', onclick: () => act('confirm') }, 'ยืนยันว่าเอกสารผิด Confirm (y)'), ' ',
        el('button', { class: 'primary', id: 'btn-correct', onclick: () => act('correct') }, 'แก้ค่าที่อ่าน Correct (c)'), ' ',
        el('button', { id: 'btn-dismiss', onclick: () => act('dismiss') }, 'ไม่ใช่ปัญหา Dismiss (d)')),
      el('div', { class: 'decide' }, el('label', {}, 'ส่งกลับหน่วยงาน ', el('small', {}, 'send back (s)'), backNote),
        el('button', { id: 'btn-return', onclick: sendBack }, 'ส่งกลับ Send back')),
      el('p', { class: 'keys muted' }, el('kbd', {}, 'j'), '/', el('kbd', {}, 'k'), ' ถัดไป/ก่อนหน้า · ', el('kbd', {}, 'y'), ' ยืนยัน · ',
        el('kbd', {}, 'c'), ' แก้ (พิมพ์แล้ว ', el('kbd', {}, 'Enter'), ') · ', el('kbd', {}, 'd'), ' ไม่ใช่ปัญหา · ', el('kbd', {}, 's'), ' ส่งกลับ · ', el('kbd', {}, 'Esc'), ' ออกจากช่อง'),
      msg,
      el('details', { id: 'history', open: history.items.length > 0 },
        el('summary', {}, `ประวัติการตรวจ History (${history.items.length})`),
        history.items.length ? el('ol', {}, ...history.items.map((h) => el('li', {},
          `${thaiDate(h.at)} · ${h.who} · ${ACTION_TH[h.action] ?? h.action}`,
          h.code ? ` · ${h.code}` : '',
          h.action === 'correct' ? ` · ${FIELD_TH[h.field] ?? h.field}: ${JSON.stringify(h.old)} → ${JSON.stringify(h.new)}` : '',
          h.note ? ` · “${h.note}”` : ''))) : el('p', { class: 'muted' }, 'ยังไม่มีการตัดสินใจ · no decision yet')));
    detail.replaceChildren(el('div', { class: 'review' }, card, el('div', { class: 'card' }, el('h2', {}, 'ต้นฉบับ ', el('small', {}, 'Original')), original)));
    card.focus({ preventScroll: true });
    document.onkeydown = (e) => {
      const target = e.target;
      if (target instanceof HTMLInputElement || target instanceof HTMLSelectElement) {
        // In a box: Enter does what the box is for, Esc gives the keys back to the queue. Focus is never trapped.
        if (e.key === 'Escape') { e.preventDefault(); target.blur(); card.focus({ preventScroll: true }); }
        else if (e.key === 'Enter' && target === value) { e.preventDefault(); act('correct'); }
        else if (e.key === 'Enter' && target === note) { e.preventDefault(); act('correct'); }
        else if (e.key === 'Enter' && target === backNote) { e.preventDefault(); sendBack(); }
        return;
      }
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === 'j' || e.key === 'ArrowRight') { i = Math.min(q.items.length - 1, i + 1); show(); }
      else if (e.key === 'k' || e.key === 'ArrowLeft') { i = Math.max(0, i - 1); show(); }
      else if (e.key === 'y') act('confirm');
      else if (e.key === 'd') act('dismiss');
      else if (e.key === 'c') { e.preventDefault(); value.focus(); value.select(); }
      else if (e.key === 's') { e.preventDefault(); backNote.focus(); }
    };
  };
  if (visit !== reviewVisit) return;
  main.replaceChildren(el('h1', {}, 'คิวตรวจทาน ', el('small', {}, `Review queue (${q.total})`)), filters, detail);
  await show();
}

// ---------------------------------------------------------------- start
api('GET', '/api/me').then((r) => { me = r.user; csrf = r.csrfToken; startApp(); }).catch(() => showLogin());
