import { Fleet, FleetMember, TenantFixture } from '@wp/testing';
import { Client } from 'pg';

/** How many bus calls of a pattern one process started, from its own /metrics. */
export async function callsHandled(fleet: Fleet, key: FleetMember, pattern: string): Promise<number> {
  const port = await fleet.opsPort(key);
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith('wp_rpc_calls_total{') && l.includes(`pattern="${pattern}"`));
  return line ? Number(line.split(' ').pop()) : 0;
}

export interface PointsCall {
  member: string;
  reference: string;
  amount: number;
  status: number;
  body: any;
}

/** Runs `total` points additions over the members, `concurrency` at a time, each with its own reference. */
export async function pointsLoad(
  tenant: TenantFixture,
  members: string[],
  total: number,
  concurrency: number,
  onProgress?: (done: number) => void | Promise<void>,
  prefix = 'load',
): Promise<PointsCall[]> {
  const calls: PointsCall[] = [];
  let next = 0;
  const worker = async () => {
    while (next < total) {
      const i = next++;
      const member = members[i % members.length];
      const reference = `${prefix}-${i}`;
      const amount = 1 + (i % 5);
      const response = await tenant.api.put(`/v1/members/${member}/points`, { operation: 'add', points: amount, transaction_reference: reference });
      calls.push({ member, reference, amount, status: response.status, body: response.body });
      await onProgress?.(calls.length);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return calls;
}

export interface LedgerRow {
  member_id: string;
  transaction_reference: string;
  delta: number;
}

/** The ledger and balances straight from member-data's tables. */
export async function ledger(fleet: Fleet, tenantId: string): Promise<{ rows: LedgerRow[]; balances: Map<string, number> }> {
  const db = new Client({ connectionString: fleet.databaseUrl });
  await db.connect();
  try {
    const rows = (
      await db.query(
        `SELECT m.member_id, t.transaction_reference, t.delta FROM member.point_transactions t JOIN member.members m ON m.id = t.member_pk WHERE t.tenant_id = $1`,
        [tenantId],
      )
    ).rows as LedgerRow[];
    const balances = new Map<string, number>(
      (await db.query(`SELECT member_id, points FROM member.members WHERE tenant_id = $1 AND deleted_at IS NULL`, [tenantId])).rows.map((r) => [r.member_id, r.points]),
    );
    return { rows, balances };
  } finally {
    await db.end();
  }
}
