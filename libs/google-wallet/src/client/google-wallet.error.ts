/**
 * A Google Wallet REST call failed. `status` is the HTTP status (0 when no response came
 * back); `reason` is Google's machine-readable reason (`errors[0].reason`, else the
 * canonical `error.status` such as `ALREADY_EXISTS`). The original transport error is
 * not attached: it carries the request headers, including the bearer token.
 */
export class GoogleWalletError extends Error {
  override readonly name = 'GoogleWalletError';

  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }

  /** Google allows 3 notifying messages per pass per 24 h. */
  get isQuotaExceeded(): boolean {
    return this.status === 429 || /quota/i.test(this.reason);
  }
}

interface GoogleErrorBody {
  error?: { code?: number; message?: string; status?: string; errors?: { reason?: string; message?: string }[] };
}

/** Maps a gaxios error (or anything thrown by the generated client) to GoogleWalletError. */
export function toGoogleWalletError(operation: string, resourceId: string | undefined, thrown: unknown): GoogleWalletError {
  const target = resourceId ? `${operation} ${resourceId}` : operation;
  const response = responseOf(thrown);
  if (!response) {
    const detail = thrown instanceof Error ? thrown.message : 'unknown error';
    return new GoogleWalletError(0, 'NETWORK_ERROR', `Google Wallet ${target} got no response: ${detail}`);
  }
  const body = (typeof response.data === 'object' && response.data !== null ? response.data : {}) as GoogleErrorBody;
  const reason = body.error?.errors?.[0]?.reason ?? body.error?.status ?? 'UNKNOWN';
  const detail = body.error?.message ?? `HTTP ${response.status}`;
  return new GoogleWalletError(response.status, reason, `Google Wallet ${target} failed with ${response.status} ${reason}: ${detail}`);
}

// Duck-typed because googleapis-common and google-auth-library each bundle their own gaxios.
function responseOf(thrown: unknown): { status: number; data: unknown } | undefined {
  if (typeof thrown !== 'object' || thrown === null || !('response' in thrown)) return undefined;
  const response = (thrown as { response?: { status?: unknown; data?: unknown } }).response;
  if (!response || typeof response.status !== 'number') return undefined;
  return { status: response.status, data: response.data };
}
