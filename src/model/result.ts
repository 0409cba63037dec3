/**
 * Every stage returns its value with the messages it raised (mammoth's `Result` habit): a content problem is a
 * message with a code and a location, only an unusable file throws.
 */
import type { Provenance } from './document.ts';

export type MessageSeverity = 'error' | 'warning' | 'info';

export interface Message {
  /** Stable code, e.g. `TEXT_DAMAGED`, `MAMMOTH_WARNING`, `ENCODING_TIS620`. */
  code: string;
  severity: MessageSeverity;
  text: string;
  where?: Provenance;
}

export interface Result<T> {
  value: T;
  messages: Message[];
}

export function result<T>(value: T, messages: Message[] = []): Result<T> {
  return { value, messages };
}
