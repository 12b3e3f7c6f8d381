import type { Fleet, FleetMember, TenantFixture } from '@wp/testing';
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { BATCH_FLEET_ENV, waitForBatch, withDatabase } from '../batch/batch.helpers';

export { BATCH_FLEET_ENV as IMPORT_FLEET_ENV, waitForBatch, withDatabase };

/** POSTs a CSV body to the import route. */
export function importCsv(tenant: TenantFixture, csv: string | Buffer, contentType = 'text/csv') {
  return tenant.api.request('POST', '/v1/members/import', { rawBody: csv, headers: { 'content-type': contentType } });
}

/** Imports and waits for the batch to complete; returns its final view. */
export async function importAndWait(tenant: TenantFixture, csv: string | Buffer): Promise<any> {
  const response = await importCsv(tenant, csv);
  if (response.status !== 202) throw new Error(`import: ${response.status} ${response.text}`);
  return waitForBatch(tenant, response.body.data.batch_id, (b) => b.state === 'completed');
}

export async function exportCsv(tenant: TenantFixture): Promise<{ text: string; rows: Array<Record<string, string>>; disposition: string | null }> {
  const response = await tenant.api.get('/v1/members/export');
  if (response.status !== 200) throw new Error(`export: ${response.status} ${response.text}`);
  return { text: response.text, rows: parse(response.text, { columns: true }), disposition: response.headers.get('content-disposition') };
}

/** The tenant's ledger size and balances, read from the database. */
export async function ledgerState(fleet: Fleet, tenantId: string): Promise<{ ledgerRows: number; balances: Record<string, number> }> {
  return withDatabase(fleet.databaseUrl, async (client) => {
    const ledger = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM member.point_transactions WHERE tenant_id = $1', [tenantId]);
    const members = await client.query<{ member_id: string; points: number }>('SELECT member_id, points FROM member.members WHERE tenant_id = $1 AND deleted_at IS NULL', [tenantId]);
    return { ledgerRows: ledger.rows[0].n, balances: Object.fromEntries(members.rows.map((row) => [row.member_id, row.points])) };
  });
}

/** Resident set size of a fleet process, in bytes, from /proc. */
export function rssBytes(fleet: Fleet, member: FleetMember): number {
  const pid = fleet.pid(member);
  if (!pid) throw new Error(`${member} is not running`);
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : 0;
}
