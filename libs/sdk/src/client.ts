import { RetryOptions, retryingFetch } from './retrying-fetch';

export interface ClientOptions {
  /** The gateway, e.g. https://wallet.example.com (no trailing slash needed). */
  baseUrl: string;
  /** A tenant's `wp_` key, sent as X-API-Key. */
  apiKey?: string;
  /** An admin `st_` or onboarding `bt_` token, sent as a bearer token. */
  token?: string;
  retry?: RetryOptions;
}

export type Query = Record<string, string | number | boolean | undefined>;

export interface FieldError {
  field: string;
  message: string;
}

/** An error envelope from the gateway, or a non-JSON failure, as one exception. */
export class WalletPassError extends Error {
  override readonly name = 'WalletPassError';
  constructor(
    readonly status: number,
    message: string,
    readonly errors: FieldError[] = [],
    readonly requestId: string | null = null,
  ) {
    super(message);
  }
}

interface Envelope<T> {
  status: 'success' | 'error';
  message?: string;
  data: T;
  errors?: FieldError[];
  request_id?: string;
  pagination?: { next_cursor: string | null; limit: number };
}

/**
 * A small client for the WalletPass API: credentials on every call, the success envelope
 * unwrapped to its `data`, errors thrown as WalletPassError, pages followed by cursor, and
 * 429/503 retried after Retry-After with an Idempotency-Key on every POST.
 */
export class WalletPassClient {
  private readonly fetch: typeof fetch;
  readonly baseUrl: string;

  constructor(private readonly options: ClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.fetch = retryingFetch(options.retry);
  }

  /** The same gateway with other credentials. */
  with(credentials: Pick<ClientOptions, 'apiKey' | 'token'>): WalletPassClient {
    return new WalletPassClient({ ...this.options, apiKey: undefined, token: undefined, ...credentials });
  }

  async request<T>(method: string, path: string, opts: { query?: Query; body?: unknown; headers?: Record<string, string> } = {}): Promise<T> {
    return (await this.exchange<T>(method, path, opts)).data;
  }

  get<T>(path: string, query?: Query) {
    return this.request<T>('GET', path, { query });
  }
  post<T>(path: string, body?: unknown, opts: { query?: Query; idempotencyKey?: string } = {}) {
    return this.request<T>('POST', path, { body, query: opts.query, headers: opts.idempotencyKey ? { 'idempotency-key': opts.idempotencyKey } : undefined });
  }
  put<T>(path: string, body?: unknown) {
    return this.request<T>('PUT', path, { body });
  }
  patch<T>(path: string, body?: unknown) {
    return this.request<T>('PATCH', path, { body });
  }
  delete<T>(path: string) {
    return this.request<T>('DELETE', path);
  }

  /** Every item of a paginated list, page after page. */
  async *list<T>(path: string, query: Query = {}): AsyncGenerator<T> {
    let cursor: string | undefined;
    do {
      const page = await this.exchange<T[]>('GET', path, { query: { ...query, cursor } });
      yield* page.data;
      cursor = page.pagination?.next_cursor ?? undefined;
    } while (cursor);
  }

  private async exchange<T>(method: string, path: string, opts: { query?: Query; body?: unknown; headers?: Record<string, string> }): Promise<Envelope<T>> {
    const url = new URL(`${this.baseUrl}${path}`);
    for (const [name, value] of Object.entries(opts.query ?? {})) if (value !== undefined) url.searchParams.set(name, String(value));
    const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
    if (this.options.apiKey) headers['x-api-key'] = this.options.apiKey;
    if (this.options.token) headers.authorization = `Bearer ${this.options.token}`;
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    const response = await this.fetch(url, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
    const text = await response.text();
    let envelope: Envelope<T> | null = null;
    try {
      envelope = text ? (JSON.parse(text) as Envelope<T>) : null;
    } catch {
      // not JSON: reported below with the status
    }
    if (!response.ok || envelope?.status !== 'success') {
      throw new WalletPassError(response.status, envelope?.message ?? `${response.status} ${response.statusText}`, envelope?.errors ?? [], envelope?.request_id ?? response.headers.get('x-request-id'));
    }
    return envelope;
  }
}
