/**
 * Two error kinds only. A permanent error means this file cannot be read (don't retry, tell the user why);
 * a transient error is an infrastructure hiccup worth retrying. Both carry the file name so every message names it.
 */
export class PermanentError extends Error {
  readonly kind = 'permanent' as const;
  readonly fileName: string;
  readonly reason: string;
  constructor(fileName: string, reason: string, options?: { cause?: unknown }) {
    super(`${fileName}: ${reason}`, options);
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

export function isPermanentError(e: unknown): e is PermanentError {
  return e instanceof PermanentError;
}
