import createClient, { type Client } from 'openapi-fetch';
import type { components, paths } from './generated/openapi';
import { RetryOptions, retryingFetch } from './retrying-fetch';

export type { components, paths };
/** The API's schemas by name, e.g. `Schemas['MemberView']`. */
export type Schemas = components['schemas'];

export interface ClientOptions {
  /** The gateway, e.g. https://wallet.example.com (no trailing slash needed). */
  baseUrl: string;
  /** A tenant's `wp_` key, sent as X-API-Key. */
  apiKey?: string;
  /** An admin `st_` or onboarding `bt_` token, sent as a bearer token. */
  token?: string;
  retry?: RetryOptions;
}

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

/** What every generated call resolves to: openapi-fetch's typed success body, or the error body. */
interface Outcome<E> {
  data?: E;
  error?: unknown;
  response: Response;
}

interface ErrorBody {
  message?: string;
  errors?: FieldError[];
  request_id?: string;
}

/** The whole success envelope (data, pagination), or the error envelope thrown as a WalletPassError. */
export async function envelope<E>(call: Promise<Outcome<E>>): Promise<E> {
  const { data, error, response } = await call;
  if (response.ok && data !== undefined) return data;
  const body = (error && typeof error === 'object' ? error : {}) as ErrorBody;
  throw new WalletPassError(response.status, body.message ?? `${response.status} ${response.statusText}`, body.errors ?? [], body.request_id ?? response.headers.get('x-request-id'));
}

/**
 * The success envelope's `data`, or the error envelope thrown as a WalletPassError:
 *   const member = await unwrap(client.api.GET('/v1/members/{member_id}', { params: { path: { member_id } } }));
 */
export async function unwrap<D>(call: Promise<Outcome<{ data: D }>>): Promise<D> {
  return (await envelope(call)).data;
}

/**
 * Every item of a paginated list, following `pagination.next_cursor` page after page:
 *   for await (const m of eachItem((cursor) => client.api.GET('/v1/members', { params: { query: { cursor } } }))) …
 */
export async function* eachItem<T>(page: (cursor: string | undefined) => Promise<Outcome<{ data: T[]; pagination?: { next_cursor?: string | null } }>>): AsyncGenerator<T> {
  let cursor: string | undefined;
  do {
    const body = await envelope(page(cursor));
    yield* body.data;
    cursor = body.pagination?.next_cursor ?? undefined;
  } while (cursor);
}

/**
 * The WalletPass API client. `api` is generated from the gateway's OpenAPI document
 * (libs/sdk/src/generated/openapi.ts, by openapi-typescript; called through openapi-fetch),
 * so every path, parameter, body and answer is type-checked and an API change that breaks a
 * caller breaks its build. Credentials go on every call; 429/503 are retried after
 * Retry-After, and every POST carries an Idempotency-Key kept across its retries.
 */
export class WalletPassClient {
  readonly api: Client<paths>;
  readonly baseUrl: string;

  constructor(private readonly options: ClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.apiKey) headers['x-api-key'] = options.apiKey;
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    this.api = createClient<paths>({ baseUrl: this.baseUrl, fetch: retryingFetch(options.retry), headers });
  }

  /** The same gateway with other credentials. */
  with(credentials: Pick<ClientOptions, 'apiKey' | 'token'>): WalletPassClient {
    return new WalletPassClient({ ...this.options, apiKey: undefined, token: undefined, ...credentials });
  }
}
