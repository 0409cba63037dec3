/**
 * `ita-ingest user add NAME --role uploader|reviewer|admin [--province P]… [--agency A] [--password-stdin]`
 * `ita-ingest user token NAME [--label L]` prints a new API token (shown once).
 * Without --password-stdin the password comes from ITA_PASSWORD.
 */
import type { Config } from '../config.ts';
import { openDatabase } from '../store/db.ts';
import { createApiToken, createUser, findUser, ROLES, type Role } from '../store/users-repo.ts';
import { COMMANDS, helpText, parseCommand } from './args.ts';
import { UsageError } from './usage-error.ts';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

export async function runUser(args: string[], cfg: Config, out: (s: string) => void): Promise<number> {
  const a = parseCommand('user', args);
  if (a.help) {
    out(helpText('user'));
    return 0;
  }
  const [verb, name] = a.positionals;
  if (!['add', 'token'].includes(verb)) throw new UsageError(`unknown user command '${verb}'\nusage: ${COMMANDS.user.usage}`);
  const v = a.values;
  const opts = {
    role: v.role as string | undefined,
    provinces: (v.province as string[] | undefined) ?? [],
    agency: v.agency as string | undefined,
    label: v.label as string | undefined,
    stdin: v['password-stdin'] === true,
  };
  const db = await openDatabase({ databaseUrl: cfg.databaseUrl, schema: cfg.dbSchema, dataDir: cfg.dataDir });
  try {
    if (verb === 'add') {
      if (!opts.role || !ROLES.includes(opts.role as Role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
      const password = opts.stdin ? await readStdin() : cfg.password;
      if (!password) throw new UsageError('give the password on stdin with --password-stdin, or in ITA_PASSWORD');
      try {
        const u = await createUser(db, { username: name, password, role: opts.role as Role, agency: opts.agency ?? null, provinces: opts.provinces });
        out(`created ${u.role} ${u.username}${u.provinces.length ? ` for ${u.provinces.join(', ')}` : ''}${u.agency ? ` (${u.agency})` : ''}`);
      } catch (e) {
        throw new UsageError((e as { code?: string }).code === '23505' ? `user ${name} exists already` : (e as Error).message);
      }
    } else {
      const u = await findUser(db, name);
      if (!u) throw new UsageError(`no user ${name}`);
      out(await createApiToken(db, u.id, opts.label ?? null));
    }
    return 0;
  } finally {
    await db.close();
  }
}
