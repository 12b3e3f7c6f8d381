import { TenantFixture } from '@wp/testing';
import { setTimeout as delay } from 'node:timers/promises';
import { request as httpRequest } from 'node:http';
import { Client } from 'pg';

/** Registrations and creates come in the thousands here; the default 100 requests/s per tenant would pace the setup, not the batch. */
export const BATCH_FLEET_ENV = { RATE_LIMIT_RPS: '10000', RATE_LIMIT_BURST: '10000' };

export const memberIds = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}-${String(i).padStart(5, '0')}`);

/** Registers the members through the API, a few requests at a time. */
export async function registerMembers(tenant: TenantFixture, ids: readonly string[], concurrency = 24): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < ids.length) {
      const memberId = ids[next++];
      const response = await tenant.api.post('/v1/members/register', { member_id: memberId, member_name: `Member ${memberId}` });
      if (response.status !== 201) throw new Error(`registering ${memberId}: ${response.status} ${response.text}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
}

export const createOps = (ids: readonly string[]) => ids.map((memberId) => ({ op: 'create_pass', member_id: memberId, pass_type: 'apple', company_name: 'Batch Coffee' }));

/**
 * The batch as GET /v1/batch/{id} shows it, once `until` holds. It fails only when the batch
 * stops moving: `stallMs` without one more operation done (however slow a loaded machine makes
 * each one), so a stuck batch is reported and a slow one is waited for.
 */
export async function waitForBatch(tenant: TenantFixture, batchId: string, until: (batch: any) => boolean, stallMs = 120_000): Promise<any> {
  let done = -1;
  let movedAt = Date.now();
  for (;;) {
    // A failed poll (the gateway restarting, say) is retried like a batch that has not moved.
    const response = await tenant.api.get(`/v1/batch/${batchId}`).catch(() => null);
    if (response?.status === 200) {
      const view = response.body.data;
      if (until(view)) return view;
      if (view.succeeded + view.failed > done) {
        done = view.succeeded + view.failed;
        movedAt = Date.now();
      }
    }
    if (Date.now() - movedAt > stallMs) throw new Error(`batch ${batchId} stalled: no operation finished for ${stallMs} ms (${Math.max(done, 0)} done)`);
    await delay(100);
  }
}

export async function withDatabase<T>(databaseUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Per member: how many passes pass-generation holds for the tenant. */
export async function passesPerMember(databaseUrl: string, tenantId: string): Promise<Map<string, number>> {
  return withDatabase(databaseUrl, async (client) => {
    const { rows } = await client.query<{ member_id: string; n: number }>(
      `SELECT member_id, count(*)::int AS n FROM pass.passes WHERE tenant_id = $1 AND deleted_at IS NULL GROUP BY member_id`,
      [tenantId],
    );
    return new Map(rows.map((row) => [row.member_id, row.n]));
  });
}

/**
 * POSTs a body too large for the route and reports the status. The gateway refuses by the
 * declared Content-Length before reading any of the body, and then closes the connection: a
 * client still writing the body at that moment may fail with EPIPE before it reads the answer.
 * So the headers go first, and the body only if no answer came within a few seconds (a
 * gateway waiting for it has accepted the size, and the test sees that status).
 */
export function postOversized(baseUrl: string, path: string, apiKey: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = httpRequest(new URL(path, baseUrl), {
      method: 'POST',
      headers: { 'x-api-key': apiKey, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
    });
    req.on('response', (res) => {
      answered = true;
      resolve(res.statusCode ?? 0);
      req.destroy();
    });
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    req.flushHeaders();
    setTimeout(() => {
      if (!answered) req.end(body);
    }, 5000).unref();
  });
}
