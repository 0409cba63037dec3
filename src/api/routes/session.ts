/** POST /api/login, POST /api/logout, GET /api/me. */
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../store/db.ts';
import { authenticate, createSession, deleteSession, SESSION_HOURS } from '../../store/users-repo.ts';
import { SESSION_COOKIE, requireUser } from '../auth.ts';
import { HttpError } from '../http-errors.ts';

/**
 * Failed logins per account name, from any address (as the README says): after MAX_FAILURES within WINDOW_MS,
 * logins for that name wait (HTTP 429), so guesses spread over many addresses are slowed all the same.
 */
const MAX_FAILURES = 5;
const WINDOW_MS = 15 * 60 * 1000;

export function sessionRoutes(app: FastifyInstance, db: Db, secureCookies: boolean): void {
  const failures = new Map<string, number[]>();
  const recent = (key: string) => (failures.get(key) ?? []).filter((t) => Date.now() - t < WINDOW_MS);

  app.post('/api/login', {
    schema: {
      summary: 'Log in; sets an HttpOnly session cookie and returns the CSRF token for later requests',
      body: { type: 'object', required: ['username', 'password'], additionalProperties: false, properties: { username: { type: 'string', minLength: 1, maxLength: 64 }, password: { type: 'string', minLength: 1, maxLength: 256 } } },
    },
  }, async (req, reply) => {
    const { username, password } = req.body as { username: string; password: string };
    const key = username.toLowerCase();
    const tries = recent(key);
    if (tries.length >= MAX_FAILURES) {
      const wait = Math.ceil((WINDOW_MS - (Date.now() - tries[0])) / 60000);
      throw new HttpError(429, `too many failed logins for ${username}; try again in ${wait} minute(s)`);
    }
    const user = await authenticate(db, username, password);
    if (!user) {
      failures.set(key, [...tries, Date.now()]);
      throw new HttpError(401, 'wrong username or password');
    }
    failures.delete(key);
    const s = await createSession(db, user.id);
    void reply.setCookie(SESSION_COOKIE, s.token, { path: '/', httpOnly: true, sameSite: 'strict', secure: secureCookies, maxAge: SESSION_HOURS * 3600 });
    return { user, csrfToken: s.csrf };
  });

  app.post('/api/logout', { schema: { summary: 'End the session' } }, async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) await deleteSession(db, token);
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.get('/api/me', { schema: { summary: 'The logged-in user and the CSRF token' } }, async (req) => ({ user: requireUser(req), csrfToken: req.csrf }));
}
