import type { ApiClient, ApiResponse, Fleet } from '@wp/testing';
import { Client } from 'pg';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Every error has this envelope, and its request_id is the X-Request-Id header. */
export function expectError(response: ApiResponse, status: number): void {
  expect({ status: response.status, body: response.body }).toEqual({
    status,
    body: expect.objectContaining({ status: 'error', message: expect.any(String), timestamp: expect.any(String), request_id: expect.any(String) }),
  });
  expect(response.headers.get('x-request-id')).toBe(response.body.request_id);
}

/** The `field` of each entry of a 400's `errors`. */
export function fieldsOf(response: ApiResponse): string[] {
  return ((response.body.errors ?? []) as Array<{ field: string }>).map((e) => e.field);
}

/** Every item of a paginated list, following `pagination.next_cursor`. */
export async function listAll<T = any>(api: ApiClient, listPath: string, limit = 100): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const separator = listPath.includes('?') ? '&' : '?';
    const response: ApiResponse = await api.get(`${listPath}${separator}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    if (response.status !== 200) throw new Error(`GET ${listPath} answered ${response.status}: ${response.text}`);
    items.push(...(response.body.data as T[]));
    cursor = response.body.pagination.next_cursor;
  } while (cursor);
  return items;
}

export async function registerMember(api: ApiClient, memberId: string, extra: Record<string, unknown> = {}): Promise<any> {
  const response = await api.post('/v1/members/register', { member_id: memberId, member_name: 'Test Member', ...extra });
  if (response.status !== 201) throw new Error(`register ${memberId} answered ${response.status}: ${response.text}`);
  return response.body.data;
}

export function changePoints(api: ApiClient, memberId: string, body: Record<string, unknown>): Promise<ApiResponse> {
  return api.put(`/v1/members/${encodeURIComponent(memberId)}/points`, body);
}

/**
 * A read-only look into the fleet's database, for what only the services see: the outbox a
 * producer relays and the event log the notification service keeps.
 */
export class FleetDatabase {
  private constructor(private readonly client: Client) {}

  static async open(fleet: Fleet): Promise<FleetDatabase> {
    const client = new Client({ connectionString: fleet.databaseUrl });
    await client.connect();
    return new FleetDatabase(client);
  }

  async close(): Promise<void> {
    await this.client.end();
  }

  async query<T = any>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.client.query(sql, params)).rows as T[];
  }

  /** Ids of the events member-data wrote to its outbox, by type, for one member. */
  async outboxIds(type: string, memberId: string): Promise<string[]> {
    const rows = await this.query<{ event_id: string }>(
      `SELECT event_id FROM member.outbox WHERE type = $1 AND data->>'member_id' = $2 ORDER BY event_id`,
      [type, memberId],
    );
    return rows.map((r) => r.event_id);
  }

  /** Events the notification service recorded, by type, for one member. */
  async eventLog(type: string, memberId: string): Promise<Array<{ id: string; tenant_id: string; data: any }>> {
    return this.query(`SELECT id, tenant_id, data FROM notification.event_log WHERE type = $1 AND member_id = $2 ORDER BY id`, [type, memberId]);
  }
}

/** Removes a stopped fleet's queues and keys from the shared Redis. */
export async function clearFleetKeys(redis: import('ioredis').default, namespace: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${namespace}:*`, 'COUNT', 1000);
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}
