import { Fleet, bootstrapAdmin, onboardTenant } from '@wp/testing';
import { BATCH_FLEET_ENV, createOps, memberIds, passesPerMember, registerMembers, waitForBatch, withDatabase } from './batch.helpers';

/**
 * A worker killed mid-job: pass-generation is SIGKILLed while a 2,000-operation
 * batch runs and then started again. BullMQ hands the interrupted chunks out again (at least
 * once); the batch must still end with every operation applied exactly once.
 */
describe('a batch across a crash of pass-generation', () => {
  let fleet: Fleet;

  beforeAll(async () => {
    fleet = await Fleet.start({ env: BATCH_FLEET_ENV });
  });
  afterAll(async () => {
    await fleet?.stop();
  });

  test('killing the service midway and restarting it ends with exactly 2,000 passes, none twice', async () => {
    const admin = await bootstrapAdmin(fleet);
    const tenant = await onboardTenant(fleet, admin);
    const ids = memberIds('CRASH', 2000);
    await registerMembers(tenant, ids);

    const submitted = await tenant.api.post('/v1/batch', { operations: createOps(ids) });
    expect(submitted.status).toBe(202);
    const batchId = submitted.body.data.batch_id as string;

    const succeeded = () =>
      withDatabase(fleet.databaseUrl, async (client) => {
        const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM pass.batch_operations WHERE batch_id = $1 AND state = 'succeeded'`, [batchId]);
        return rows[0].n;
      });
    const midway = await waitForBatch(tenant, batchId, (b) => b.succeeded >= 100, 60_000);
    expect(midway).toMatchObject({ state: 'running', total: 2000 });
    await fleet.kill('pass-generation');
    const doneAtKill = await succeeded();
    // The kill landed midway: there is work left for the restarted service.
    expect(doneAtKill).toBeGreaterThan(0);
    expect(doneAtKill).toBeLessThan(2000);

    await fleet.restart('pass-generation');
    const batch = await waitForBatch(tenant, batchId, (b) => b.state === 'completed', 180_000);
    expect(batch).toMatchObject({ state: 'completed', total: 2000, succeeded: 2000, failed: 0, pending: 0, errors: [] });

    // Exactly one pass per member: none lost, none created twice by a chunk run again.
    const perMember = await passesPerMember(fleet.databaseUrl, tenant.tenantId);
    expect(perMember.size).toBe(2000);
    expect([...perMember.entries()].filter(([, n]) => n !== 1)).toEqual([]);
    await withDatabase(fleet.databaseUrl, async (client) => {
      // Each operation points at its own pass, and each pass was announced once.
      const { rows } = await client.query<{ ops: number; passes: number; created_events: number }>(
        `SELECT count(*)::int AS ops, count(DISTINCT o.result_pass_id)::int AS passes,
                (SELECT count(*)::int FROM pass.outbox e WHERE e.type = 'pass.created' AND e.tenant_id = $2) AS created_events
         FROM pass.batch_operations o JOIN pass.passes p ON p.id = o.result_pass_id AND p.tenant_id = $2
         WHERE o.batch_id = $1`,
        [batchId, tenant.tenantId],
      );
      expect(rows[0]).toEqual({ ops: 2000, passes: 2000, created_events: 2000 });
    });
    // And as an integrator sees it.
    for (const memberId of [ids[0], ids[999], ids[1999]]) {
      const listed = await tenant.api.get(`/v1/passes?member_id=${memberId}`);
      expect(listed.body.data).toHaveLength(1);
    }
  }, 1_200_000);
});
