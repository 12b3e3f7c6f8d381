import { setTimeout as delay } from 'node:timers/promises';

/**
 * Polls until `probe` returns a value other than undefined, or fails after `timeoutMs`
 * with the description. Tests wait for conditions, never for fixed sleeps.
 */
export async function waitFor<T>(describe: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 15_000, intervalMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${describe}${cause}`);
    }
    await delay(intervalMs);
  }
}
