// ita-ingest web UI: log in, then one module per page (pages/*.js), chosen by the URL's #/page.
import { api, leavePage, main, onUnauthorized, session } from './lib.js';
import { dashboardPage } from './pages/dashboard.js';
import { reportPage } from './pages/report.js';
import { reviewPage } from './pages/review.js';
import { uploadPage } from './pages/upload.js';

function showLogin() {
  document.getElementById('nav').hidden = true;
  main.replaceChildren(document.getElementById('login-tpl').content.cloneNode(true));
  document.getElementById('login').addEventListener('submit', async (e) => {
    e.preventDefault();
    const f = new FormData(e.target);
    try {
      const r = await api('POST', '/api/login', { username: f.get('username'), password: f.get('password') });
      session.me = r.user;
      session.csrf = r.csrfToken;
      startApp();
    } catch (err) {
      document.getElementById('login-error').textContent = err.message === 'wrong username or password' ? 'ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง (wrong username or password)' : err.message;
    }
  });
}

function startApp() {
  document.getElementById('nav').hidden = false;
  document.getElementById('who').textContent = `${session.me.username} (${session.me.role}${session.me.provinces.length ? ` · ${session.me.provinces.join(', ')}` : ''})`;
  if (!location.hash || location.hash === '#/') location.hash = '#/upload';
  route();
}

document.getElementById('logout').addEventListener('click', async () => {
  await api('POST', '/api/logout').catch(() => {});
  session.me = session.csrf = null;
  location.hash = '';
  showLogin();
});

async function route() {
  leavePage();
  const [, page, id] = location.hash.split('?')[0].split('/');
  for (const a of document.querySelectorAll('#nav a')) a.classList.toggle('active', a.getAttribute('href') === `#/${page}`);
  if (page === 'report') return reportPage(id);
  if (page === 'dashboard') return dashboardPage(id);
  if (page === 'review') return reviewPage();
  return uploadPage();
}
window.addEventListener('hashchange', () => session.me && route());

onUnauthorized(showLogin);
api('GET', '/api/me').then((r) => { session.me = r.user; session.csrf = r.csrfToken; startApp(); }).catch(() => showLogin());
