// ita-ingest web UI, shared parts. Document text is only ever inserted as text (el() makes text nodes, never HTML).
export const main = document.getElementById('main');
/** Who is logged in and the CSRF token of the session (set at login). */
export const session = { me: null, csrf: null };
/** What the app does on a 401 (show the login form); set by app.js. */
let unauthorized = () => {};
export const onUnauthorized = (fn) => (unauthorized = fn);
/** A page registers what to stop when the user leaves it (polling); the router calls leavePage(). */
let cleanup = () => {};
export const onLeave = (fn) => (cleanup = fn);
export function leavePage() {
  cleanup();
  cleanup = () => {};
  document.onkeydown = null;
}

export function el(tag, attrs = {}, ...children) {
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
export const svg = (tag, attrs = {}, ...children) => {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  for (const c of children.flat()) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
};

export async function api(method, url, body) {
  const headers = {};
  if (session.csrf && method !== 'GET') headers['x-csrf-token'] = session.csrf;
  let payload = body;
  if (body && !(body instanceof FormData)) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const r = await fetch(url, { method, headers, body: payload, credentials: 'same-origin' });
  const data = r.headers.get('content-type')?.includes('json') ? await r.json() : null;
  if (r.status === 401 && url !== '/api/login') {
    unauthorized();
    throw new Error(data?.message ?? 'please log in');
  }
  if (!r.ok) throw new Error(data?.message ?? `${r.status}`);
  return data;
}

export const SEV = { error: 'ข้อผิดพลาด · error', warning: 'ควรตรวจ · warning', info: 'ข้อสังเกต · info' };
export const STATE = { received: 'รับแล้ว', extracting: 'กำลังอ่าน', clean: 'เรียบร้อย', needs_review: 'รอตรวจทาน', failed: 'อ่านไม่ได้', returned: 'ส่งกลับ' };
export const stateBadge = (s) => el('span', { class: `state ${s}`, 'data-state': s }, `${STATE[s] ?? s} · ${s}`);
export const num = (v) => (v === null || v === undefined ? '–' : String(v));

/** A date-time as Thai readers write it: day month พ.ศ., 24-hour time. */
export const thaiDate = (iso) => new Date(iso).toLocaleString('th-TH', { dateStyle: 'medium', timeStyle: 'short' });
