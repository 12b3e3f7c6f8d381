import { Fleet, bootstrapAdmin, onboardTenant } from '@wp/testing';
import { IMPORT_FLEET_ENV, importCsv, ledgerState, waitForBatch, withDatabase } from './import-export.helpers';

const ROWS = 20_000;

/**
 * An import across crashes: member-data, then pass-generation, is SIGKILLed while a
 * 20,000-row import runs, and started again. Chunks cut short run again; the import must
 * still end with every row applied exactly once (one member, one ledger row, one event each).
 */
describe('a member import across crashes of member-data and pass-generation', () => {
  let fleet: Fleet;

  beforeAll(async () => {
    fleet = await Fleet.start({ env: IMPORT_FLEET_ENV });
  });
  afterAll(async () => {
    await fleet?.stop();
  });

  test('every row is applied once however often its chunk runs', async () => {
    const admin = await bootstrapAdmin(fleet);
    const tenant = await onboardTenant(fleet, admin);
    const lines = ['member_id,member_name,points'];
    for (let i = 0; i < ROWS; i += 1) lines.push(`CRASH-${String(i).padStart(5, '0')},Member ${i},${(i % 300) + 1}`);
    const submitted = await importCsv(tenant, `${lines.join('\n')}\n`);
    expect(submitted.status).toBe(202);
    const batchId = submitted.body.data.batch_id as string;

    await waitForBatch(tenant, batchId, (b) => b.succeeded >= 1000, 120_000);
    await fleet.kill('member-data');
    await fleet.restart('member-data');
    const between = await waitForBatch(tenant, batchId, (b) => b.succeeded >= 5000 || b.state === 'completed', 180_000);
    if (between.state !== 'completed') {
      await fleet.kill('pass-generation');
      await fleet.restart('pass-generation');
    }

    const batch = await waitForBatch(tenant, batchId, (b) => b.state === 'completed', 180_000);
    expect(batch).toMatchObject({ state: 'completed', total: ROWS, succeeded: ROWS, failed: 0, pending: 0, errors: [] });
    const state = await ledgerState(fleet, tenant.tenantId);
    expect(Object.keys(state.balances)).toHaveLength(ROWS);
    expect(state.ledgerRows).toBe(ROWS);
    expect(state.balances['CRASH-00299']).toBe(300);
    await withDatabase(fleet.databaseUrl, async (client) => {
      const { rows } = await client.query<{ n: number; members: number }>(
        `SELECT count(*)::int AS n, count(DISTINCT data->>'member_uuid')::int AS members FROM member.outbox WHERE tenant_id = $1 AND type = 'member.created'`,
        [tenant.tenantId],
      );
      expect(rows[0]).toEqual({ n: ROWS, members: ROWS });
    });
  }, 1_200_000);
});
