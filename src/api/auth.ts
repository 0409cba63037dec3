/**
 * Who is asking: a session cookie (HttpOnly, SameSite=Strict; CSRF token required on state-changing requests)
 * or an API token (Authorization: Bearer ita_…, for scripts, no CSRF). Roles: uploader, reviewer, admin.
 */
import type {} from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../store/db.ts';
import { sessionUser, tokenUser, type User } from '../store/users-repo.ts';
import { HttpError } from './http-errors.ts';

export const SESSION_COOKIE = 'ita_session';

declare module 'fastify' {
  interface FastifyRequest {
    user: User | null;
    csrf: string | null;
  }
}

export function registerAuth(app: FastifyInstance, db: Db): void {
  app.decorateRequest('user', null);
  app.decorateRequest('csrf', null);
  app.addHook('onRequest', async (req) => {
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ')) {
      req.user = await tokenUser(db, auth.slice(7).trim());
      return;
    }
    const token = req.cookies?.[SESSION_COOKIE];
    if (!token) return;
    const s = await sessionUser(db, token);
    if (!s) return;
    req.user = s.user;
    req.csrf = s.csrf;
    const unsafe = !['GET', 'HEAD', 'OPTIONS'].includes(req.method);
    if (unsafe && req.headers['x-csrf-token'] !== s.csrf) {
      throw new HttpError(403, 'missing or wrong CSRF token (send the x-csrf-token header you got at login)');
    }
  });
}

export function requireUser(req: FastifyRequest): User {
  if (!req.user) throw new HttpError(401, 'log in first (POST /api/login) or send an API token');
  return req.user;
}

export function requireRole(req: FastifyRequest, ...roles: User['role'][]): User {
  const u = requireUser(req);
  if (!roles.includes(u.role)) throw new HttpError(403, `this needs the role ${roles.join(' or ')}`);
  return u;
}
