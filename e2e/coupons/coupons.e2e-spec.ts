import { Admin, Fleet, TenantFixture, bootstrapAdmin, onboardTenant } from '@wp/testing';
import { FLEET_BOOT_TIMEOUT_MS, UUID, expectError } from '../foundation/foundation.helpers';
import { FleetDatabase, changePoints, fieldsOf, listAll, registerMember } from '../member/member.helpers';

/**
 * Coupons end to end (spec/API.md §8.7): the catalogue, issuing with and without points,
 * the 422s that change nothing, the refund when the pass cannot be made, fifty concurrent
 * purchases that never overdraw, and redeeming once.
 */
describe('coupons', () => {
  let fleet: Fleet;
  let admin: Admin;
  let tenant: TenantFixture;
  let other: TenantFixture;
  let db: FleetDatabase;

  beforeAll(async () => {
    // Fifty purchases of one coupon queue on its row lock; atomicity, not latency, is under test.
    fleet = await Fleet.start({ env: { RPC_TIMEOUT_MS: '30000' } });
    admin = await bootstrapAdmin(fleet);
    tenant = await onboardTenant(fleet, admin);
    other = await onboardTenant(fleet, admin);
    db = await FleetDatabase.open(fleet);
  }, FLEET_BOOT_TIMEOUT_MS);

  afterAll(async () => {
    await db?.close();
    await fleet?.stop();
  });

  async function createCoupon(body: Record<string, unknown>, api = tenant.api): Promise<any> {
    const response = await api.post('/v1/coupons', body);
    expect(response.status).toBe(201);
    return response.body.data;
  }

  async function member(memberId: string): Promise<any> {
    const response = await tenant.api.get(`/v1/members/${memberId}`);
    expect(response.status).toBe(200);
    return response.body.data;
  }

  const issue = (memberId: string, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    tenant.api.post(`/v1/members/${memberId}/coupons`, body, { headers });

  test('the catalogue: create, read, list, change, delete; validation and tenant isolation', async () => {
    const coupon = await createCoupon({ title: 'Free coffee', description: 'Any hot drink', price_points: 150, stock: 10, valid_days: 30, external_reference: 'SKU-1' });
    expect(coupon).toEqual({
      id: expect.stringMatching(UUID),
      title: 'Free coffee',
      description: 'Any hot drink',
      price_points: 150,
      stock: 10,
      issued: 0,
      remaining: 10,
      valid_days: 30,
      expires_at: null,
      style_id: null,
      external_reference: 'SKU-1',
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    expect((await tenant.api.get(`/v1/coupons/${coupon.id}`)).body.data).toEqual(coupon);
    expect((await listAll(tenant.api, '/v1/coupons')).map((c) => c.id)).toContain(coupon.id);

    const patched = await tenant.api.patch(`/v1/coupons/${coupon.id}`, { title: 'Free tea', description: null, stock: null });
    expect(patched.status).toBe(200);
    expect(patched.body.data).toEqual(expect.objectContaining({ title: 'Free tea', description: null, stock: null, remaining: null }));

    const bad = await tenant.api.post('/v1/coupons', { title: '', price_points: -1, stock: 1.5, surprise: true });
    expectError(bad, 400);
    expect(fieldsOf(bad)).toEqual(expect.arrayContaining(['title', 'price_points', 'stock']));
    expectError(await tenant.api.post('/v1/coupons', { title: 'Styled', style_id: '00000000-0000-4000-8000-000000000000' }), 404);
    // A coupon's passes are coupons: its style must be a coupon style (422 naming style_id), and one is taken.
    const cardStyle = (await tenant.api.post('/v1/pass-styles', { name: 'Card' })).body.data;
    const wrongKind = await tenant.api.post('/v1/coupons', { title: 'Styled', style_id: cardStyle.id });
    expectError(wrongKind, 422);
    expect(fieldsOf(wrongKind)).toEqual(['style_id']);
    expectError(await tenant.api.patch(`/v1/coupons/${coupon.id}`, { style_id: cardStyle.id }), 422);
    const couponStyle = (await tenant.api.post('/v1/pass-styles', { name: 'Offer', kind: 'coupon' })).body.data;
    expect((await tenant.api.post('/v1/coupons', { title: 'Styled', style_id: couponStyle.id })).body.data.style_id).toBe(couponStyle.id);

    // Another tenant's coupon does not exist for this one.
    expectError(await other.api.get(`/v1/coupons/${coupon.id}`), 404);
    expectError(await other.api.patch(`/v1/coupons/${coupon.id}`, { title: 'Mine' }), 404);
    await registerMember(other.api, 'OTHER-1');
    expectError(await other.api.post('/v1/members/OTHER-1/coupons', { coupon_id: coupon.id, pass_type: 'apple' }), 404);
    expect((await listAll(other.api, '/v1/coupons')).map((c) => c.id)).not.toContain(coupon.id);

    const deleted = await tenant.api.delete(`/v1/coupons/${coupon.id}`);
    expect(deleted.status).toBe(200);
    expectError(await tenant.api.get(`/v1/coupons/${coupon.id}`), 404);
  });

  test('issuing paid with points: one transaction takes the price (ledger coupon_purchase) and the stock, and gives a coupon pass', async () => {
    const coupon = await createCoupon({ title: 'Croissant', price_points: 40, stock: 5, valid_days: 7 });
    await registerMember(tenant.api, 'BUYER-1');
    expect((await changePoints(tenant.api, 'BUYER-1', { points: 100, operation: 'set' })).status).toBe(200);

    const before = Date.now();
    const response = await issue('BUYER-1', { coupon_id: coupon.id, pass_type: 'apple', pay_with_points: true });
    expect(response.status).toBe(201);
    const pass = response.body.data;
    expect(pass).toEqual(expect.objectContaining({ pass_id: expect.stringMatching(UUID), member_id: 'BUYER-1', pass_type: 'apple', status: 'active', coupon_id: coupon.id, redeemed_at: null }));
    // valid_days from the issue.
    const expires = Date.parse(pass.expiration_date);
    expect(expires).toBeGreaterThanOrEqual(before + 7 * 86_400_000 - 60_000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 7 * 86_400_000 + 60_000);

    expect((await member('BUYER-1')).points).toBe(60);
    const ledger = await listAll(tenant.api, '/v1/members/BUYER-1/transactions');
    expect(ledger[0]).toEqual(expect.objectContaining({ kind: 'points', delta: -40, balance_after: 60, operation: 'coupon_purchase' }));
    expect((await tenant.api.get(`/v1/coupons/${coupon.id}`)).body.data).toEqual(expect.objectContaining({ issued: 1, remaining: 4 }));

    // The pass is a real pass: it downloads, and it is listed with the member.
    const download = await tenant.api.get(`/v1/passes/${pass.pass_id}/download`);
    expect(download.status).toBe(200);
    expect((await member('BUYER-1')).passes.map((p: any) => p.pass_id)).toContain(pass.pass_id);
  });

  test('too few points, no stock left or an ended offer: 422, and nothing changed', async () => {
    const pricey = await createCoupon({ title: 'Espresso machine', price_points: 1000, stock: 3 });
    await registerMember(tenant.api, 'POOR-1');
    expect((await changePoints(tenant.api, 'POOR-1', { points: 999, operation: 'set' })).status).toBe(200);
    const ledgerBefore = await listAll(tenant.api, '/v1/members/POOR-1/transactions');

    const refused = await issue('POOR-1', { coupon_id: pricey.id, pass_type: 'apple', pay_with_points: true });
    expectError(refused, 422);
    expect(refused.body.errors[0].message).toMatch(/insufficient_points/);
    expect((await member('POOR-1')).points).toBe(999);
    expect((await member('POOR-1')).passes).toEqual([]);
    expect(await listAll(tenant.api, '/v1/members/POOR-1/transactions')).toEqual(ledgerBefore);
    expect((await tenant.api.get(`/v1/coupons/${pricey.id}`)).body.data.issued).toBe(0);

    const single = await createCoupon({ title: 'Last one', stock: 1 });
    expect((await issue('POOR-1', { coupon_id: single.id, pass_type: 'apple' })).status).toBe(201);
    const soldOut = await issue('POOR-1', { coupon_id: single.id, pass_type: 'apple' });
    expectError(soldOut, 422);
    expect(soldOut.body.errors[0].message).toMatch(/out_of_stock/);

    const ended = await createCoupon({ title: 'Yesterday', expires_at: new Date(Date.now() - 60_000).toISOString() });
    expectError(await issue('POOR-1', { coupon_id: ended.id, pass_type: 'apple' }), 422);
    const unpriced = await createCoupon({ title: 'Gift' });
    expectError(await issue('POOR-1', { coupon_id: unpriced.id, pass_type: 'apple', pay_with_points: true }), 422);
    expect((await member('POOR-1')).points).toBe(999);
  });

  test('a pass that cannot be made (Google Wallet not configured) gives the stock and the points back', async () => {
    const coupon = await createCoupon({ title: 'Muffin', price_points: 30, stock: 2 });
    await registerMember(tenant.api, 'GOOGLE-1');
    expect((await changePoints(tenant.api, 'GOOGLE-1', { points: 50, operation: 'set' })).status).toBe(200);

    const response = await issue('GOOGLE-1', { coupon_id: coupon.id, pass_type: 'google', pay_with_points: true });
    expectError(response, 422);
    expect((await member('GOOGLE-1')).points).toBe(50);
    expect((await tenant.api.get(`/v1/coupons/${coupon.id}`)).body.data).toEqual(expect.objectContaining({ issued: 0, remaining: 2 }));
    const ledger = await listAll(tenant.api, '/v1/members/GOOGLE-1/transactions');
    expect(ledger.slice(0, 2).map((row) => [row.operation, row.delta])).toEqual([
      ['coupon_refund', 30],
      ['coupon_purchase', -30],
    ]);
    const [row] = await db.query(`SELECT state FROM member.coupon_issues WHERE coupon_id = $1`, [coupon.id]);
    expect(row.state).toBe('refunded');
  });

  test('50 concurrent purchases never overdraw the points nor the stock', async () => {
    // 20 in stock, points for 30 at 10 each: exactly 20 succeed (stock), then everything is 422.
    const coupon = await createCoupon({ title: 'Flash sale', price_points: 10, stock: 20 });
    await registerMember(tenant.api, 'RUSH-1');
    expect((await changePoints(tenant.api, 'RUSH-1', { points: 300, operation: 'set' })).status).toBe(200);
    const responses = await Promise.all(Array.from({ length: 50 }, () => issue('RUSH-1', { coupon_id: coupon.id, pass_type: 'apple', pay_with_points: true })));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(20);
    expect(statuses.filter((s) => s === 422)).toHaveLength(30);
    expect((await member('RUSH-1')).points).toBe(100);
    expect((await tenant.api.get(`/v1/coupons/${coupon.id}`)).body.data).toEqual(expect.objectContaining({ issued: 20, remaining: 0 }));
    expect(new Set(responses.filter((r) => r.status === 201).map((r) => r.body.data.pass_id)).size).toBe(20);

    // Points run out before the stock: 30 in stock, points for 12.
    const second = await createCoupon({ title: 'Points rush', price_points: 25, stock: 30 });
    await registerMember(tenant.api, 'RUSH-2');
    expect((await changePoints(tenant.api, 'RUSH-2', { points: 300, operation: 'set' })).status).toBe(200);
    const rush = await Promise.all(Array.from({ length: 50 }, () => issue('RUSH-2', { coupon_id: second.id, pass_type: 'apple', pay_with_points: true })));
    expect(rush.filter((r) => r.status === 201)).toHaveLength(12);
    expect(rush.filter((r) => r.status === 422).every((r) => /insufficient_points/.test(r.body.errors[0].message))).toBe(true);
    expect((await member('RUSH-2')).points).toBe(0);
    expect((await tenant.api.get(`/v1/coupons/${second.id}`)).body.data.issued).toBe(12);
    const ledger = await listAll(tenant.api, '/v1/members/RUSH-2/transactions');
    expect(ledger.every((row) => row.balance_after >= 0)).toBe(true);
    expect(ledger.filter((row) => row.operation === 'coupon_purchase')).toHaveLength(12);
    const [{ count }] = await db.query(`SELECT count(*)::int AS count FROM pass.passes WHERE coupon_id = $1`, [second.id]);
    expect(count).toBe(12);
  });

  test('an Idempotency-Key retry of an issue answers with the same pass and charges once', async () => {
    const coupon = await createCoupon({ title: 'Retry', price_points: 5 });
    await registerMember(tenant.api, 'RETRY-1');
    expect((await changePoints(tenant.api, 'RETRY-1', { points: 20, operation: 'set' })).status).toBe(200);
    const headers = { 'idempotency-key': 'issue-retry-1' };
    const first = await issue('RETRY-1', { coupon_id: coupon.id, pass_type: 'apple', pay_with_points: true }, headers);
    const second = await issue('RETRY-1', { coupon_id: coupon.id, pass_type: 'apple', pay_with_points: true }, headers);
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body.data.pass_id).toBe(first.body.data.pass_id);
    expect((await member('RETRY-1')).points).toBe(15);
  });

  test('redeem once: 200 with status redeemed; the same reference replays it; any other second redeem is a 409', async () => {
    const coupon = await createCoupon({ title: 'Cake' });
    await registerMember(tenant.api, 'REDEEM-1');
    const pass = (await issue('REDEEM-1', { coupon_id: coupon.id, pass_type: 'apple' })).body.data;

    const first = await tenant.api.post(`/v1/passes/${pass.pass_id}/redeem`, { transaction_reference: 'till-1-0001' });
    expect(first.status).toBe(200);
    expect(first.body.data).toEqual(expect.objectContaining({ status: 'redeemed', redeemed_at: expect.any(String), version: pass.version + 1 }));
    const replay = await tenant.api.post(`/v1/passes/${pass.pass_id}/redeem`, { transaction_reference: 'till-1-0001' });
    expect(replay.status).toBe(200);
    expect(replay.body.data).toEqual(first.body.data);
    expectError(await tenant.api.post(`/v1/passes/${pass.pass_id}/redeem`, { transaction_reference: 'till-1-0002' }), 409);
    expectError(await tenant.api.post(`/v1/passes/${pass.pass_id}/redeem`, {}), 409);
    expectError(await other.api.post(`/v1/passes/${pass.pass_id}/redeem`, {}), 404);
    // The redeem is a new version for the wallets (pass.updated drives the APNs push and the Google patch) beside pass.redeemed.
    const written = await db.query(`SELECT type, data FROM pass.outbox WHERE data->>'pass_id' = $1 AND type IN ('pass.updated', 'pass.redeemed') ORDER BY seq`, [pass.pass_id]);
    expect(written.map((row) => [row.type, row.data.status ?? null])).toEqual([
      ['pass.updated', 'redeemed'],
      ['pass.redeemed', null],
    ]);
    expect(written[1].data).toEqual(expect.objectContaining({ coupon_id: coupon.id, transaction_reference: 'till-1-0001', scanner_id: null }));
    expect((await tenant.api.get(`/v1/passes/${pass.pass_id}/download`)).status).toBe(200);

    // Concurrent redeems of a fresh pass: exactly one wins.
    const fresh = (await issue('REDEEM-1', { coupon_id: coupon.id, pass_type: 'apple' })).body.data;
    const race = await Promise.all(Array.from({ length: 10 }, (_, i) => tenant.api.post(`/v1/passes/${fresh.pass_id}/redeem`, { transaction_reference: `race-${i}` })));
    expect(race.filter((r) => r.status === 200)).toHaveLength(1);
    expect(race.filter((r) => r.status === 409)).toHaveLength(9);
    const rows = await db.query(`SELECT type FROM pass.outbox WHERE type = 'pass.redeemed' AND data->>'pass_id' = $1`, [fresh.pass_id]);
    expect(rows).toHaveLength(1);
  });
});
