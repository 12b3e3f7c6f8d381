import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { paths } from '@wp/sdk/openapi';
import { ApiError, isSessionRejection, type ErrorEnvelope } from '../lib/api-errors';
import { fetchWithRetry } from '../lib/retry';
import { readSession, writeSession } from './session';

// Typed from the fleet's own OpenAPI document (libs/sdk/src/generated/openapi.ts, rebuilt by
// `npm run sdk:types`): a route or schema change that breaks a screen fails `npm run typecheck`.
export type Api = Client<paths>;

/** Where the UI shows "rate limited, retrying in N s"; the console sets it once. */
export const rateLimitNotice = { onWait: (_seconds: number | null) => {} };
/** Called when the token is refused: back to sign-in, keeping the page. */
export const sessionExpiry = { onExpired: () => {} };

function auth(tenantId?: string): Middleware {
  return {
    onRequest({ request }) {
      const session = readSession();
      if (session) request.headers.set('Authorization', `Bearer ${session.token}`);
      if (tenantId) request.headers.set('X-Tenant-Id', tenantId);
      return request;
    },
    async onResponse({ response }) {
      const session = readSession();
      if (session && (response.status === 401 || response.status === 403)) {
        const envelope = (await response
          .clone()
          .json()
          .catch(() => undefined)) as ErrorEnvelope | undefined;
        if (isSessionRejection(response.status, envelope, session.expiresAt)) {
          writeSession(null);
          sessionExpiry.onExpired();
        }
      }
      return response;
    },
  };
}

function make(tenantId?: string): Api {
  const client = createClient<paths>({
    baseUrl: window.location.origin,
    fetch: (request) => fetchWithRetry(request, (r) => fetch(r), { onWait: (s) => rateLimitNotice.onWait(s), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) }),
  });
  client.use(auth(tenantId));
  return client;
}

/** For admin endpoints (tenants, keys, bearer tokens, audit log). */
export const adminApi = make();
const tenantClients = new Map<string, Api>();
/** For tenant endpoints, acting as `tenantId` through X-Tenant-Id (contract §8.2). */
export function tenantApi(tenantId: string): Api {
  let client = tenantClients.get(tenantId);
  if (!client) tenantClients.set(tenantId, (client = make(tenantId)));
  return client;
}

/** The data of a success envelope, or an ApiError carrying the error envelope. */
export async function unwrap<T>(call: Promise<{ data?: { data: T }; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok || !data) throw new ApiError(response.status, (error ?? {}) as ErrorEnvelope);
  return data.data;
}

/** Same, for list endpoints: the rows and the cursor of the next page. */
export async function unwrapPage<T>(
  call: Promise<{ data?: { data: T[]; pagination?: { next_cursor?: string | null } }; error?: unknown; response: Response }>,
): Promise<{ rows: T[]; next: string | null }> {
  const { data, error, response } = await call;
  if (!response.ok || !data) throw new ApiError(response.status, (error ?? {}) as ErrorEnvelope);
  return { rows: data.data, next: data.pagination?.next_cursor ?? null };
}
