import { retryAfterSeconds } from './api-errors';

/** Longer waits (a login lock-out of minutes) are shown as an error rather than sat through. */
export const MAX_RETRY_WAIT_SECONDS = 30;
const MAX_ATTEMPTS = 5;

export interface RetryHooks {
  /** Told how long the console waits before trying again, and null when it tries. */
  onWait: (seconds: number | null) => void;
  sleep: (ms: number) => Promise<void>;
}

/**
 * Sends `request`; a 429 waits for its `Retry-After` and sends it again, so a burst slows
 * the console down instead of failing it. Gives the 429 back after a few attempts or when
 * the wait is longer than a person should stare at a spinner.
 */
export async function fetchWithRetry(request: Request, send: (request: Request) => Promise<Response>, hooks: RetryHooks): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    const response = await send(request.clone());
    if (response.status !== 429 || attempt >= MAX_ATTEMPTS) return response;
    const seconds = retryAfterSeconds(response.headers.get('retry-after'));
    if (seconds > MAX_RETRY_WAIT_SECONDS) return response;
    hooks.onWait(seconds);
    await hooks.sleep(seconds * 1000);
    hooks.onWait(null);
  }
}
