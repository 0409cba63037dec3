/** คิวตรวจทาน Review queue: filters, one flag at a time beside the original, decisions, send back, history. */
import { api, el, main, num, session, SEV, STATE, thaiDate } from '../lib.js';
import { scoresTable } from './report.js';

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
    box.append(el('div', { class: 'highlight', id: 'highlight', 'data-page': prov.page, 'data-field': prov.field ?? null, style: `left:${x0 * scale}px;top:${y0 * scale}px;width:${(x1 - x0) * scale}px;height:${(y1 - y0) * scale}px` }));
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

/** The queue's filters, kept in the URL (#/review?state=…&code=…) so a filtered queue can be shared. */
async function reviewFilters(params) {
  const [codes, batches] = await Promise.all([api('GET', '/api/flag-codes'), api('GET', '/api/batches')]);
  const select = (name, label, options) => el('label', {}, label,
    el('select', { name, id: `filter-${name}` }, ...options.map(([v, t]) => el('option', { value: v, selected: params.get(name) === v || (!params.get(name) && v === '') }, t))));
  const form = el('form', { class: 'filters', id: 'review-filters' },
    select('state', 'สถานะ', Object.entries(REVIEW_STATE).map(([k, t]) => [k === 'open' ? '' : k, t])),
    select('severity', 'ความรุนแรง', [['', 'ทั้งหมด · all'], ...Object.entries(SEV)]),
    select('code', 'ข้อสังเกต', [['', 'ทั้งหมด · all'], ...codes.items.map((c) => [c.code, `${c.th} · ${c.code}`])]),
    select('province', 'จังหวัด', [['', 'ทั้งหมด · all'], ...[...new Set([...(session.me.provinces ?? []), ...batches.items.map((b) => b.province).filter(Boolean)])].map((p) => [p, p])]),
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

export async function reviewPage() {
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
    const field = t.field;
    const related = rep.result.scores.filter((s) => (t.measureNo !== null ? s.origin === 'measure' && s.measureNo === t.measureNo : s.origin === 'summary') && (t.indicatorNo === null || s.indicator.no === t.indicatorNo));
    // A flag on the whole text (a damaged layer, scanned pages) points at no score: its own evidence or its first
    // page, never a score's box.
    const base = (f.evidence ?? [])[0] ?? (field === 'text' ? (rep.result.flags?.[f.idx]?.pages?.length ? { page: rep.result.flags[f.idx].pages[0] } : null) : related[0]?.provenance ?? null);
    // The box goes on the very value the flag is about (a year flag boxes the year, not the score).
    const fieldBox = t.field && (related[0]?.provenance?.fields ?? {})[t.field];
    const ev = base && fieldBox?.bbox && fieldBox.page ? { ...base, page: fieldBox.page, bbox: fieldBox.bbox, field: t.field } : base;
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
      rep.result.source.ocr ? el('p', { class: 'muted', id: 'ocr-note' }, 'ภาพสแกน อ่านด้วย OCR · scanned, read by OCR',
        typeof ev?.confidence === 'number' ? ` · ความมั่นใจของ OCR ${Math.round(ev.confidence * 100)}% (confidence)` : '') : null,
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
