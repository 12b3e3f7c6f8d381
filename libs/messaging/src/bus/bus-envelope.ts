import type { Message, WireError } from '@wp/contracts';

/** A request as it travels, sealed, on a service's stream. */
export interface RequestEnvelope {
  /** Call id: unique per call, the key of its fate. */
  id: string;
  /** Pattern of the wire contract. */
  p: string;
  d: Message<unknown>;
  /** The caller's client id: its answers go to that client's reply list only. */
  r: string;
  /** Deadline in Redis-clock epoch ms; nobody starts or commits the call after it. */
  dl: number;
}

/** An answer as it travels, sealed, on the caller's reply list. */
export interface ReplyEnvelope {
  id: string;
  ok?: unknown;
  err?: WireError;
}

export function unavailable(message: string, retryAfter = 1): WireError {
  return { code: 'unavailable', message, retryAfter };
}
