/**
 * Command-line arguments of every command, on node:util parseArgs: one table says each command's usage line, what
 * it does and its options. `--help` on any command prints its help (exit 0); an unknown option or a missing value
 * is named in the error (exit 2).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './usage-error.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface CommandSpec {
  usage: string;
  /** Thai first, English alongside. */
  about: string;
  options: Options;
  /** What each option means, for --help. */
  help: Record<string, string>;
  minPositionals: number;
  maxPositionals: number;
}

export const COMMANDS = {
  extract: {
    usage: 'ita-ingest extract FILE [--json]',
    about: 'อ่านรายงานหนึ่งฉบับ (PDF, DOCX, HTML หรือข้อความ) — read one report and show what was read and what looks wrong',
    options: { json: { type: 'boolean' } },
    help: { json: 'print the contract JSON (contract/extraction-result.schema.json) instead of the summary' },
    minPositionals: 1, maxPositionals: 1,
  },
  batch: {
    usage: 'ita-ingest batch PATH… [--province NAME] [--out DIR] [--concurrency N] [--reprocess]',
    about: 'ประมวลผลรายงานทั้งจังหวัด — process files, folders and ZIPs; writes reports.jsonl, province.csv/.xlsx, flags.csv, failures.csv',
    options: { province: { type: 'string' }, out: { type: 'string' }, concurrency: { type: 'string' }, reprocess: { type: 'boolean' } },
    help: {
      province: 'the province of the batch (names the output folder; used when a report does not say)',
      out: 'output folder (default ./ita-out/<province or batch id>)',
      concurrency: 'extraction threads (default: one per core, or ITA_CONCURRENCY)',
      reprocess: 'process reports already stored again',
    },
    minPositionals: 1, maxPositionals: Infinity,
  },
  worker: {
    usage: 'ita-ingest worker [--concurrency N]',
    about: 'ตัวประมวลผลคิว — consume the extraction queue (needs REDIS_URL and DATABASE_URL)',
    options: { concurrency: { type: 'string' } },
    help: { concurrency: 'jobs at once (default: one per core)' },
    minPositionals: 0, maxPositionals: 0,
  },
  serve: {
    usage: 'ita-ingest serve [--port N] [--host H]',
    about: 'เว็บและ API — the HTTP API and web UI (default 127.0.0.1:8080)',
    options: { port: { type: 'string' }, host: { type: 'string' } },
    help: { port: 'port to listen on (default 8080, or PORT)', host: 'address to listen on (default 127.0.0.1; 0.0.0.0 for all)' },
    minPositionals: 0, maxPositionals: 0,
  },
  user: {
    usage: 'ita-ingest user add NAME --role uploader|reviewer|admin [--province P]… [--agency A] [--password-stdin]\n       ita-ingest user token NAME [--label L]',
    about: 'ผู้ใช้และโทเค็น — create a user, or print a new API token for scripts',
    options: { role: { type: 'string' }, province: { type: 'string', multiple: true }, agency: { type: 'string' }, label: { type: 'string' }, 'password-stdin': { type: 'boolean' } },
    help: {
      role: 'uploader (uploads, sees its agency), reviewer (the review queue of its provinces) or admin',
      province: 'a province the user may see (repeat for several)',
      agency: 'the agency an uploader belongs to',
      label: 'a label for the token',
      'password-stdin': 'read the password from standard input (otherwise from ITA_PASSWORD)',
    },
    minPositionals: 2, maxPositionals: 2,
  },
} satisfies Record<string, CommandSpec>;

export type CommandName = keyof typeof COMMANDS;

export function helpText(name: CommandName): string {
  const c: CommandSpec = COMMANDS[name];
  const opts = Object.entries(c.help).map(([k, v]) => `  --${k.padEnd(16)} ${v}`);
  return [`usage: ${c.usage}`, '', c.about, ...(opts.length ? ['', 'options:', ...opts] : []), `  --${'help'.padEnd(16)} this help`].join('\n');
}

export type Parsed = { help: true } | { help: false; values: Record<string, string | boolean | string[] | undefined>; positionals: string[] };

/** Parses one command's arguments; UsageError names what is wrong and carries the usage line. */
export function parseCommand(name: CommandName, args: string[]): Parsed {
  const c: CommandSpec = COMMANDS[name];
  let parsed;
  try {
    parsed = parseArgs({ args, options: { ...c.options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (e) {
    const code = (e as { code?: string }).code;
    const opt = /'(-{1,2}[^' ]+)/.exec((e as Error).message)?.[1];
    const what = code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? `unknown option ${opt ?? ''}`.trim()
      : code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' ? `${opt ?? 'an option'} needs a value`
        : (e as Error).message;
    throw new UsageError(`${what}\nusage: ${c.usage}`);
  }
  if (parsed.values.help) return { help: true };
  const n = parsed.positionals.length;
  if (n < c.minPositionals || n > c.maxPositionals) {
    throw new UsageError(`${n < c.minPositionals ? 'missing' : 'too many'} arguments\nusage: ${c.usage}`);
  }
  return { help: false, values: parsed.values as Record<string, string | boolean | string[] | undefined>, positionals: parsed.positionals };
}

/** A whole number ≥ `min` from an option's text, or a UsageError naming the option. */
export function intOption(name: string, v: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number | null {
  if (v === undefined) return null;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be a whole number from ${min}${max < Number.MAX_SAFE_INTEGER ? ` to ${max}` : ' up'}`);
  return n;
}
