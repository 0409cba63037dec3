/**
 * Two error kinds only. A permanent error means this file cannot be read (don't retry, tell the user why);
 * a transient error is an infrastructure hiccup worth retrying. Both carry the file name so every message names it.
 */
export class PermanentError extends Error {
  readonly kind = 'permanent' as const;
  readonly fileName: string;
  readonly reason: string;
  constructor(fileName: string, reason: string, options?: { cause?: unknown }) {
    super(`${displayName(fileName)}: ${reason}`, options);
    this.name = 'PermanentError';
    this.fileName = fileName;
    this.reason = reason;
  }
}

export class TransientError extends Error {
  readonly kind = 'transient' as const;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TransientError';
  }
}

/**
 * A server the work depends on (PostgreSQL, Redis) cannot be reached. Not the file's fault and not an attempt
 * used up: the work waits for the server (retry-policy.ts, rideOut) and goes on where it stopped.
 */
export class OutageError extends TransientError {
  readonly service: 'database' | 'redis';
  constructor(service: 'database' | 'redis', message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'OutageError';
    this.service = service;
  }

  /** The server by the name a user knows it by. */
  get server(): 'PostgreSQL' | 'Redis' {
    return this.service === 'database' ? 'PostgreSQL' : 'Redis';
  }
}

export function isPermanentError(e: unknown): e is PermanentError {
  return e instanceof PermanentError;
}

/**
 * A file name as one line of a message: control characters (a newline in a name would split an error line in two,
 * and a terminal escape could rewrite the screen) are shown as escapes, \n, \t or \u001b.
 */
export function displayName(name: string): string {
  return name.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => (c === '\n' ? '\\n' : c === '\t' ? '\\t' : c === '\r' ? '\\r' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

/**
 * What a request asked for cannot be done, said in the domain's terms; the API maps each reason to its HTTP
 * status in one place (api/http-errors.ts), the CLI to its exit code. The store and the review rules never speak HTTP.
 */
export type RefusalReason = 'not-found' | 'forbidden' | 'invalid' | 'conflict' | 'too-large';

export class RefusedError extends Error {
  readonly reason: RefusalReason;
  constructor(reason: RefusalReason, message: string) {
    super(message);
    this.name = 'RefusedError';
    this.reason = reason;
  }
}
