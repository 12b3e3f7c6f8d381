import type { ApnsOutcome } from './apns.types';

/**
 * Maps an APNs answer to what the caller must do. Only these two
 * answers justify deleting a registration; Apple: "Delete a device if APNs returns an error
 * that the push token is invalid". DeviceTokenNotForTopic stays `failed`: deleting data on
 * an answer Apple does not tie to token invalidity would be guessing.
 */
export function outcomeForResponse(status: number, reason: string | undefined): ApnsOutcome {
  if (status === 200) return 'delivered';
  if (status === 410) return 'unregistered';
  if (status === 400 && reason === 'BadDeviceToken') return 'bad-token';
  // 429 TooManyRequests, 500 InternalServerError, 503 ServiceUnavailable/Shutdown; other
  // 5xx can only come from something in between (proxy), which is transient too.
  if (status === 429 || status >= 500) return 'retry';
  return 'failed';
}

/** APNs error bodies are `{"reason": "...", "timestamp": ms}`; anything else yields no reason. */
export function parseReason(body: string): string | undefined {
  if (body.length === 0) return undefined;
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed !== null && typeof parsed === 'object' && 'reason' in parsed && typeof parsed.reason === 'string') {
      return parsed.reason;
    }
  } catch {
    // Not JSON (e.g. an HTML error page from a proxy): the status alone decides.
  }
  return undefined;
}
