import { Admin, Fleet, TenantFixture, bootstrapAdmin, onboardTenant } from '@wp/testing';
import { PointsCall, callsHandled, ledger, pointsLoad } from './scale-out.helpers';

/**
 * Two replicas of member-data share one request stream: each call is handled by exactly one
 * of them, the work is shared, a replica killed mid-load loses nothing and doubles nothing,
 * and a rolling restart under load answers every request.
 */
describe('member-data with two replicas', () => {
  let fleet: Fleet;
  let admin: Admin;

  beforeAll(async () => {
    fleet = await Fleet.start({
      env: { RATE_LIMIT_RPS: '100000', RATE_LIMIT_BURST: '100000', RPC_TIMEOUT_MS: '30000' },
      serviceReplicas: { 'member-data': 2 },
    });
    admin = await bootstrapAdmin(fleet);
  });
  afterAll(async () => {
    await fleet?.stop();
  });

  async function tenantWithMembers(count: number): Promise<{ tenant: TenantFixture; members: string[] }> {
    const tenant = await onboardTenant(fleet, admin);
    const members = Array.from({ length: count }, (_, i) => `R-${i}`);
    for (const member of members) expect((await tenant.api.post('/v1/members/register', { member_id: member })).status).toBe(201);
    return { tenant, members };
  }

  /** Every 2xx is exactly one ledger row, every 503 none, and balances equal their ledgers. */
  async function expectExactlyOnce(tenant: TenantFixture, calls: PointsCall[]): Promise<void> {
    const { rows, balances } = await ledger(fleet, tenant.tenantId);
    const rowsByReference = new Map<string, number>();
    for (const row of rows) rowsByReference.set(row.transaction_reference, (rowsByReference.get(row.transaction_reference) ?? 0) + 1);
    for (const call of calls) {
      if (call.status === 200) expect({ reference: call.reference, rows: rowsByReference.get(call.reference) }).toEqual({ reference: call.reference, rows: 1 });
      else expect({ reference: call.reference, status: call.status, rows: rowsByReference.get(call.reference) ?? 0 }).toEqual({ reference: call.reference, status: 503, rows: 0 });
    }
    for (const [member, balance] of balances) {
      const sum = rows.filter((r) => r.member_id === member).reduce((total, r) => total + r.delta, 0);
      expect({ member, balance }).toEqual({ member, balance: sum });
    }
    const answered = calls.filter((c) => c.status === 200).reduce((total, c) => total + c.amount, 0);
    expect([...balances.values()].reduce((a, b) => a + b, 0)).toBe(answered);
  }

  test('each call is handled by exactly one replica, and neither takes under 30% of the work', async () => {
    const { tenant, members } = await tenantWithMembers(20);
    const before = await Promise.all(['member-data', 'member-data#1'].map((key) => callsHandled(fleet, key as 'member-data', 'member.points.update')));
    const calls = await pointsLoad(tenant, members, 400, 20);
    expect(calls.filter((c) => c.status !== 200)).toEqual([]);
    const after = await Promise.all(['member-data', 'member-data#1'].map((key) => callsHandled(fleet, key as 'member-data', 'member.points.update')));
    const handled = after.map((n, i) => n - before[i]);
    expect(handled[0] + handled[1]).toBe(400);
    for (const share of handled) expect(share).toBeGreaterThanOrEqual(120);
    await expectExactlyOnce(tenant, calls);
  });

  test('kill -9 of one replica under load: every 2xx applied once, every 503 changed nothing, no call left unanswered', async () => {
    const { tenant, members } = await tenantWithMembers(20);
    let killed: Promise<void> | undefined;
    const calls = await pointsLoad(tenant, members, 300, 20, (done) => {
      if (done === 100) killed = fleet.kill('member-data#1');
    });
    await killed;
    await fleet.respawn('member-data#1');
    // Every call got an HTTP answer (pointsLoad awaited each one); none is anything but 200 or 503.
    expect(calls).toHaveLength(300);
    expect(calls.filter((c) => c.status !== 200 && c.status !== 503)).toEqual([]);
    await expectExactlyOnce(tenant, calls);
  });

  test('a rolling restart (SIGTERM each replica in turn) under load answers every request with 2xx', async () => {
    const { tenant, members } = await tenantWithMembers(10);
    let restarting = true;
    const restarts = (async () => {
      for (const key of ['member-data', 'member-data#1'] as const) {
        fleet.signal(key, 'SIGTERM');
        await fleet.exited(key);
        await fleet.respawn(key);
      }
      restarting = false;
    })();
    const calls: PointsCall[] = [];
    const reads: number[] = [];
    let batch = 0;
    while (restarting) {
      calls.push(...(await pointsLoad(tenant, members, 20, 10, undefined, `batch${batch}`)));
      reads.push(...(await Promise.all(members.map(async (m) => (await tenant.api.get(`/v1/members/${m}`)).status))));
      batch++;
    }
    await restarts;
    expect(calls.filter((c) => c.status !== 200)).toEqual([]);
    expect(reads.filter((status) => status !== 200)).toEqual([]);
    await expectExactlyOnce(tenant, calls);
  });
});
