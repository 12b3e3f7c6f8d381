import { Admin, Fleet, TenantFixture, bootstrapAdmin, onboardTenant, waitFor } from '@wp/testing';
import { FLEET_BOOT_TIMEOUT_MS, expectError } from '../foundation/foundation.helpers';
import { FleetDatabase, changePoints, registerMember } from '../member/member.helpers';

/**
 * The coupon purchase across two services when the second one is gone (spec/API.md §8.7):
 * member-data commits the purchase, pass-generation is dead, the client gets a 503 that says
 * so; the issue stays pending, never half-forgotten, and once pass-generation is back the
 * sweep makes the pass it is owed (and a retry with the Idempotency-Key gets that same pass).
 */
describe('coupon issue when pass-generation is down', () => {
  let fleet: Fleet;
  let admin: Admin;
  let tenant: TenantFixture;
  let db: FleetDatabase;

  beforeAll(async () => {
    fleet = await Fleet.start({ processEnv: { 'member-data': { COUPON_SWEEP_MS: '250', COUPON_SWEEP_AFTER_MS: '500' } } });
    admin = await bootstrapAdmin(fleet);
    tenant = await onboardTenant(fleet, admin);
    db = await FleetDatabase.open(fleet);
  }, FLEET_BOOT_TIMEOUT_MS);

  afterAll(async () => {
    await db?.close();
    await fleet?.stop();
  });

  test('paid, pass owed: the sweep makes the pass once pass-generation is back; a retry answers with it; points are taken once', async () => {
    const coupon = (await tenant.api.post('/v1/coupons', { title: 'Survivor', price_points: 20, stock: 5 })).body.data;
    await registerMember(tenant.api, 'CRASH-1');
    expect((await changePoints(tenant.api, 'CRASH-1', { points: 50, operation: 'set' })).status).toBe(200);

    await fleet.kill('pass-generation');
    const headers = { 'idempotency-key': 'crash-issue-1' };
    const body = { coupon_id: coupon.id, pass_type: 'apple', pay_with_points: true };
    const during = await tenant.api.post('/v1/members/CRASH-1/coupons', body, { headers });
    expectError(during, 503);
    const [pending] = await db.query(`SELECT state, pass_id FROM member.coupon_issues WHERE coupon_id = $1`, [coupon.id]);
    expect(pending.state).toBe('pending');
    // GET /v1/members asks pass-generation for the passes, so the ledger is read instead while it is down.
    expect((await tenant.api.get('/v1/members/CRASH-1/transactions')).body.data[0]).toEqual(expect.objectContaining({ operation: 'coupon_purchase', balance_after: 30 }));

    await fleet.respawn('pass-generation');
    await waitFor('the sweep to make the owed pass', async () => {
      const [row] = await db.query(`SELECT state FROM member.coupon_issues WHERE coupon_id = $1`, [coupon.id]);
      return row.state === 'issued' ? true : undefined;
    }, 120_000);
    const passes = await db.query(`SELECT id, coupon_id FROM pass.passes WHERE coupon_id = $1`, [coupon.id]);
    expect(passes).toEqual([{ id: pending.pass_id, coupon_id: coupon.id }]);

    const retry = await tenant.api.post('/v1/members/CRASH-1/coupons', body, { headers });
    expect(retry.status).toBe(201);
    expect(retry.body.data.pass_id).toBe(pending.pass_id);
    expect((await tenant.api.get('/v1/members/CRASH-1')).body.data.points).toBe(30);
    expect((await tenant.api.get(`/v1/coupons/${coupon.id}`)).body.data.issued).toBe(1);
  });
});
