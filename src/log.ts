/**
 * Structured logs (pino, JSON lines on stderr), on by default at `info`: the API's requests, each job taken,
 * finished, retried or failed, and each outage waited out. ITA_LOG_LEVEL sets the level (silent: none).
 * stdout stays for what a command prints (extract's result, a token).
 */
import { pino, type Logger } from 'pino';
import type { LogLevel } from './config.ts';

export type { Logger };

export function createLogger(level: LogLevel, role: string): Logger {
  return pino({ level, base: { role, pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime }, pino.destination({ fd: 2, sync: true }));
}

/** A logger that writes nothing (tests, library use). */
export const silentLogger: Logger = pino({ level: 'silent' });
