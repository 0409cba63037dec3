/**
 * Users, sessions and API tokens. Passwords are stored as scrypt hashes (RFC 7914; N=2^15, r=8, p=1) with a
 * random salt; session and API tokens are random 32-byte values stored only as sha256 hashes.
 */
import { createHash, randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { Queryable } from './db.ts';

export type Role = 'uploader' | 'reviewer' | 'admin';
export const ROLES: readonly Role[] = ['uploader', 'reviewer', 'admin'];

export interface User {
  id: number;
  username: string;
  role: Role;
  agency: string | null;
  provinces: string[];
}

const scrypt = (password: string, salt: Buffer, keylen: number, opts: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) => scryptCb(password, salt, keylen, opts, (e, key) => (e ? reject(e) : resolve(key))));

const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, 64, SCRYPT);
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [alg, n, r, p, salt, hash] = stored.split('$');
  if (alg !== 'scrypt') return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p), maxmem: SCRYPT.maxmem });
  return timingSafeEqual(key, expected);
}

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
export const newToken = (prefix = '') => prefix + randomBytes(32).toString('base64url');

type Row = { id: string | number; username: string; role: Role; agency: string | null; provinces: string[] };
const toUser = (r: Row): User => ({ id: Number(r.id), username: r.username, role: r.role, agency: r.agency, provinces: r.provinces ?? [] });

export async function createUser(db: Queryable, u: { username: string; password: string; role: Role; agency?: string | null; provinces?: string[] }): Promise<User> {
  if (!/^[\p{L}\p{N}._@-]{2,64}$/u.test(u.username)) throw new Error('a username is 2–64 letters, digits or . _ @ -');
  if (u.password.length < 10) throw new Error('a password needs at least 10 characters');
  if (!ROLES.includes(u.role)) throw new Error(`role must be one of ${ROLES.join(', ')}`);
  const rows = await db.query<Row>(
    `INSERT INTO users (username, password_hash, role, agency, provinces) VALUES ($1, $2, $3, $4, $5)
     RETURNING id, username, role, agency, provinces`,
    [u.username, await hashPassword(u.password), u.role, u.agency ?? null, u.provinces ?? []],
  );
  return toUser(rows[0]);
}

export async function authenticate(db: Queryable, username: string, password: string): Promise<User | null> {
  const rows = await db.query<Row & { password_hash: string }>(`SELECT id, username, role, agency, provinces, password_hash FROM users WHERE username = $1`, [username]);
  if (!rows[0]) {
    await hashPassword(password); // same work whether or not the user exists
    return null;
  }
  return (await verifyPassword(password, rows[0].password_hash)) ? toUser(rows[0]) : null;
}

export const SESSION_HOURS = 12;

export async function createSession(db: Queryable, userId: number): Promise<{ token: string; csrf: string }> {
  const token = newToken();
  const csrf = newToken();
  await db.query(`INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at) VALUES ($1, $2, $3, now() + interval '${SESSION_HOURS} hours')`, [sha(token), userId, csrf]);
  return { token, csrf };
}

export async function sessionUser(db: Queryable, token: string): Promise<{ user: User; csrf: string } | null> {
  const rows = await db.query<Row & { csrf_token: string }>(
    `SELECT u.id, u.username, u.role, u.agency, u.provinces, s.csrf_token FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.token_hash = $1 AND s.expires_at > now()`,
    [sha(token)],
  );
  return rows[0] ? { user: toUser(rows[0]), csrf: rows[0].csrf_token } : null;
}

export async function deleteSession(db: Queryable, token: string): Promise<void> {
  await db.query(`DELETE FROM sessions WHERE token_hash = $1`, [sha(token)]);
}

export async function createApiToken(db: Queryable, userId: number, label: string | null): Promise<string> {
  const token = newToken('ita_');
  await db.query(`INSERT INTO api_tokens (token_hash, user_id, label) VALUES ($1, $2, $3)`, [sha(token), userId, label]);
  return token;
}

export async function tokenUser(db: Queryable, token: string): Promise<User | null> {
  const rows = await db.query<Row>(
    `SELECT u.id, u.username, u.role, u.agency, u.provinces FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = $1`,
    [sha(token)],
  );
  return rows[0] ? toUser(rows[0]) : null;
}

export async function findUser(db: Queryable, username: string): Promise<User | null> {
  const rows = await db.query<Row>(`SELECT id, username, role, agency, provinces FROM users WHERE username = $1`, [username]);
  return rows[0] ? toUser(rows[0]) : null;
}
