import { randomUUID } from 'node:crypto';

export interface RetryOptions {
  /** Attempts in all, the first included (default 4). */
  attempts?: number;
  /** Longest wait between attempts, whatever Retry-After says (default 30 s). */
  maxDelayMs?: number;
  /** Wait when a 429/503 carries no Retry-After, doubled per attempt (default 500 ms). */
  baseDelayMs?: number;
  /** The fetch to wrap (default: the global one). */
  fetch?: typeof fetch;
  /** Called before each wait, e.g. to print "retrying in 2 s". */
  onRetry?: (info: { attempt: number; delayMs: number; status: number | null; url: string }) => void;
  /** How to wait; tests and callers with their own scheduler may replace it. */
  sleep?: (ms: number) => Promise<void>;
}

const RETRIED_STATUSES = new Set([429, 503]);
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/** Retry-After is either seconds or an HTTP date (RFC 9110 §10.2.3). */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/**
 * A fetch that gives every POST an Idempotency-Key (kept across its retries, so the gateway
 * applies it once), and retries 429 and 503 after the Retry-After they carry. A network
 * error is retried only when repeating the request is safe: an idempotent method, or a POST
 * with its key. The WalletPass gateway answers 503 only when nothing was applied.
 */
export function retryingFetch(options: RetryOptions = {}): typeof fetch {
  const attempts = options.attempts ?? 4;
  const maxDelayMs = options.maxDelayMs ?? 30_000;
  const baseDelayMs = options.baseDelayMs ?? 500;
  const inner = options.fetch ?? globalThis.fetch;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));

  return async (input, init) => {
    const request = new Request(input, init);
    const headers = new Headers(request.headers);
    if (request.method === 'POST' && !headers.has('idempotency-key')) headers.set('idempotency-key', randomUUID());
    // The body is read once, so each attempt can send it again.
    const body = request.body ? await request.arrayBuffer() : undefined;
    const repeatable = SAFE_METHODS.has(request.method) || headers.has('idempotency-key');
    for (let attempt = 1; ; attempt++) {
      let response: Response | null = null;
      let failure: unknown = null;
      try {
        response = await inner(request.url, { method: request.method, headers, body, redirect: request.redirect, signal: request.signal });
      } catch (error) {
        failure = error;
      }
      const retriable = response ? RETRIED_STATUSES.has(response.status) : repeatable && !request.signal.aborted;
      if (!retriable || attempt >= attempts) {
        if (response) return response;
        throw failure;
      }
      const hinted = response ? retryAfterMs(response.headers.get('retry-after')) : null;
      const delayMs = Math.min(maxDelayMs, hinted ?? baseDelayMs * 2 ** (attempt - 1));
      await response?.body?.cancel();
      options.onRetry?.({ attempt, delayMs, status: response?.status ?? null, url: request.url });
      await sleep(delayMs);
    }
  };
}
