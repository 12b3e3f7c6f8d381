import { Admin, ApiClient, Fleet, TenantFixture, bootstrapAdmin, onboardTenant, waitFor } from '@wp/testing';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { FLEET_BOOT_TIMEOUT_MS, UUID, expectError } from '../foundation/foundation.helpers';
import { FleetDatabase, changePoints, fieldsOf, listAll, registerMember } from '../member/member.helpers';
import { developmentCaPem } from '../pass/pass.helpers';
import { download, openPass } from '../pass-content/pass-content.helpers';
import { WebhookReceiver, webhookHeaders } from '../webhooks/webhook-receiver';

/**
 * Scanning at the till end to end (spec/API.md §8.7): scanner tokens that open only the scan
 * routes, looking a pass up by serial or barcode message, acting on it (points and balance
 * in one transaction), expiry extended on scan, and the seeds' walletapp flow: a coupon
 * bought with points, scanned and redeemed once, seen on a webhook and in insights.
 */
describe('scanning', () => {
  let fleet: Fleet;
  let admin: Admin;
  let tenant: TenantFixture;
  let other: TenantFixture;
  let db: FleetDatabase;
  let receiver: WebhookReceiver;
  let till: ApiClient;
  let scannerId: string;

  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
    fleet = await Fleet.start({ env: { WEBHOOK_ALLOW_LOOPBACK: '1', RPC_TIMEOUT_MS: '30000' } });
    admin = await bootstrapAdmin(fleet);
    tenant = await onboardTenant(fleet, admin);
    other = await onboardTenant(fleet, admin);
    db = await FleetDatabase.open(fleet);
    const scanner = (await tenant.api.post('/v1/scanners', { name: 'Till 1' })).body.data;
    scannerId = scanner.id;
    till = fleet.api.withBearer(scanner.token);
  }, FLEET_BOOT_TIMEOUT_MS);

  afterAll(async () => {
    await db?.close();
    await fleet?.stop();
    await receiver?.close();
  });

  const scanCount = async (passId: string) => (await db.query(`SELECT count(*)::int AS n FROM pass.scans WHERE pass_id = $1`, [passId]))[0].n as number;

  test('a scanner token is shown once, stored hashed, listed without it, and revocable', async () => {
    const created = await tenant.api.post('/v1/scanners', { name: 'Till 2' });
    expect(created.status).toBe(201);
    expect(created.body.data).toEqual({ id: expect.stringMatching(UUID), name: 'Till 2', token: expect.stringMatching(/^sc_[0-9a-f]{32}$/), created_at: expect.any(String) });
    const { id, token } = created.body.data;
    const listed = (await listAll(tenant.api, '/v1/scanners')).find((s) => s.id === id);
    expect(listed).toEqual({ id, name: 'Till 2', prefix: token.slice(0, 11), created_at: expect.any(String), last_used_at: null, revoked_at: null });
    const [row] = await db.query(`SELECT token_hash FROM tenant.scanners WHERE id = $1`, [id]);
    expect(row.token_hash).not.toContain(token.slice(3));
    expect(fleet.responses().filter((r) => !(r.method === 'POST' && r.path === '/v1/scanners') && r.text.includes(token.slice(3)))).toEqual([]);
    expect(fleet.logs().filter((line) => line.includes(token.slice(3)))).toEqual([]);
    expect(fieldsOf(await tenant.api.post('/v1/scanners', { name: '' }))).toEqual(['name']);

    await registerMember(tenant.api, 'SCAN-REVOKE');
    const pass = (await tenant.api.post('/v1/passes/create-from-member', { member_id: 'SCAN-REVOKE', pass_type: 'apple', company_name: 'Cafe' })).body.data;
    const device = fleet.api.withBearer(token);
    expect((await device.get(`/v1/scan/${pass.serial_number}`)).status).toBe(200);
    expectError(await other.api.delete(`/v1/scanners/${id}`), 404);
    const revoked = await tenant.api.delete(`/v1/scanners/${id}`);
    expect(revoked.status).toBe(200);
    expectError(await device.get(`/v1/scan/${pass.serial_number}`), 403);
    // Revoking again changes nothing and says when it happened, like API keys.
    expect((await tenant.api.delete(`/v1/scanners/${id}`)).body.data).toEqual(revoked.body.data);
  });

  test('a scanner token opens the scan routes only; tenant keys and admin tokens do not open them', async () => {
    for (const [method, path, body] of [
      ['GET', '/v1/members', undefined],
      ['GET', '/v1/tenant', undefined],
      ['POST', '/v1/coupons', { title: 'Sneaky' }],
      ['PUT', '/v1/members/ANY/points', { points: 1, operation: 'add' }],
      ['GET', '/v1/passes', undefined],
      ['GET', '/v1/scanners', undefined],
    ] as const) {
      expectError(await till.request(method, path, { body }), 403);
    }
    expectError(await tenant.api.get('/v1/scan/anything'), 403);
    expectError(await tenant.api.post('/v1/scan/anything', { action: 'redeem' }), 403);
    expectError(await admin.api.get('/v1/scan/anything'), 403);
    expectError(await fleet.api.get('/v1/scan/anything'), 401);
    expectError(await fleet.api.withBearer('sc_00000000000000000000000000000000').get('/v1/scan/anything'), 403);
  });

  test('lookup by serial or barcode message (the newest active pass showing it), tenant-scoped, and not a scan', async () => {
    await registerMember(tenant.api, 'SCAN-1', { member_name: 'Grace' });
    expect((await changePoints(tenant.api, 'SCAN-1', { points: 40, operation: 'set' })).status).toBe(200);
    const older = (await tenant.api.post('/v1/passes/create-from-member', { member_id: 'SCAN-1', pass_type: 'apple', company_name: 'Cafe' })).body.data;
    const newer = (await tenant.api.post('/v1/passes/create-from-member', { member_id: 'SCAN-1', pass_type: 'apple', company_name: 'Cafe' })).body.data;

    const bySerial = await till.get(`/v1/scan/${older.serial_number}`);
    expect(bySerial.status).toBe(200);
    expect(bySerial.body.data).toEqual({
      pass: expect.objectContaining({ pass_id: older.pass_id }),
      member: { member_id: 'SCAN-1', member_name: 'Grace', points: 40, balance: 0, tier: 'bronze' },
      actions: ['redeem', 'points', 'balance'],
    });
    // Both cards show the member id in their barcode (the default): the newest active one answers.
    expect((await till.get('/v1/scan/SCAN-1')).body.data.pass.pass_id).toBe(newer.pass_id);
    expect((await tenant.api.patch(`/v1/passes/${newer.pass_id}`, { status: 'blocked' })).status).toBe(200);
    expect((await till.get('/v1/scan/SCAN-1')).body.data.pass.pass_id).toBe(older.pass_id);

    expectError(await till.get('/v1/scan/NOBODY'), 404);
    await registerMember(other.api, 'SCAN-1');
    const foreign = (await other.api.post('/v1/passes/create-from-member', { member_id: 'SCAN-1', pass_type: 'apple', company_name: 'Other' })).body.data;
    expectError(await till.get(`/v1/scan/${foreign.serial_number}`), 404);
    expect(await scanCount(older.pass_id)).toBe(0);
  });

  test('points and balance in one scan are atomic: a subtract beyond the balance changes neither; a repeat replays', async () => {
    await registerMember(tenant.api, 'SCAN-2');
    expect((await changePoints(tenant.api, 'SCAN-2', { points: 50, operation: 'set' })).status).toBe(200);
    expect((await tenant.api.put('/v1/members/SCAN-2/balance', { amount: 300, operation: 'set' })).status).toBe(200);
    const pass = (await tenant.api.post('/v1/passes/create-from-member', { member_id: 'SCAN-2', pass_type: 'apple', company_name: 'Cafe' })).body.data;

    const refused = await till.post(`/v1/scan/${pass.serial_number}`, { action: 'balance', amount: 500, points: 10, operation: 'subtract', transaction_reference: 'till-a' });
    expectError(refused, 422);
    expect(refused.body.message).toMatch(/insufficient_balance/);
    const untouched = (await tenant.api.get('/v1/members/SCAN-2')).body.data;
    expect({ points: untouched.points, balance: untouched.balance }).toEqual({ points: 50, balance: 300 });
    expect(await scanCount(pass.pass_id)).toBe(0);

    const paid = await till.post(`/v1/scan/${pass.serial_number}`, { action: 'balance', amount: 200, points: 10, operation: 'subtract', description: 'Lunch', transaction_reference: 'till-b' });
    expect(paid.status).toBe(200);
    expect(paid.body.data).toEqual(
      expect.objectContaining({ scan_id: expect.stringMatching(UUID), action: 'balance', transaction_reference: 'till-b', was_duplicate: false, member: expect.objectContaining({ points: 40, balance: 100 }) }),
    );
    const replay = await till.post(`/v1/scan/${pass.serial_number}`, { action: 'balance', amount: 200, points: 10, operation: 'subtract', transaction_reference: 'till-b' });
    expect(replay.body.data).toEqual(expect.objectContaining({ scan_id: paid.body.data.scan_id, was_duplicate: true, member: expect.objectContaining({ points: 40, balance: 100 }) }));
    const ledger = await listAll(tenant.api, '/v1/members/SCAN-2/transactions');
    expect(ledger.filter((row) => row.transaction_reference === 'till-b').map((row) => [row.kind, row.delta]).sort()).toEqual([
      ['balance', -200],
      ['points', -10],
    ]);
    expect(await scanCount(pass.pass_id)).toBe(1);
    const events = await db.query(`SELECT data FROM pass.outbox WHERE type = 'pass.scanned' AND data->>'pass_id' = $1`, [pass.pass_id]);
    expect(events.map((e) => e.data)).toEqual([expect.objectContaining({ pass_id: pass.pass_id, scanner_id: scannerId, action: 'balance', scan_id: paid.body.data.scan_id })]);

    expect(fieldsOf(await till.post(`/v1/scan/${pass.serial_number}`, { action: 'points', operation: 'add' }))).toEqual(['points']);
    expect(fieldsOf(await till.post(`/v1/scan/${pass.serial_number}`, { action: 'fly' }))).toEqual(['action']);
  });

  test('a style with extend_on_scan_days moves the expiry of a scanned pass out', async () => {
    const style = await tenant.api.post('/v1/pass-styles', { name: 'Extending', extend_on_scan_days: 30 });
    expect(style.status).toBe(201);
    expect(style.body.data.extend_on_scan_days).toBe(30);
    await registerMember(tenant.api, 'SCAN-3');
    const pass = (await tenant.api.post('/v1/passes/create-from-member', { member_id: 'SCAN-3', pass_type: 'apple', company_name: 'Cafe', pass_style_id: style.body.data.id })).body.data;
    const soon = new Date(Date.now() + 2 * 86_400_000).toISOString();
    const patched = (await tenant.api.patch(`/v1/passes/${pass.pass_id}`, { expiration_date: soon })).body.data;

    const scanned = await till.post(`/v1/scan/${pass.serial_number}`, { action: 'points', points: 5, operation: 'add' });
    expect(scanned.status).toBe(200);
    const expiry = Date.parse(scanned.body.data.pass.expiration_date);
    expect(expiry).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    expect(scanned.body.data.pass.version).toBeGreaterThan(patched.version);
  });

  test("the seeds' walletapp flow: a coupon bought with points, scanned, redeemed once, seen on a webhook and in insights", async () => {
    const hook = (await tenant.api.post('/v1/webhooks', { url: receiver.url('/till'), events: ['pass.redeemed', 'pass.scanned'] })).body.data;
    const coupon = (await tenant.api.post('/v1/coupons', { title: 'Free coffee', price_points: 50, stock: 100 })).body.data;
    await registerMember(tenant.api, 'WALLET-1', { member_name: 'Lin' });
    expect((await changePoints(tenant.api, 'WALLET-1', { points: 80, operation: 'set' })).status).toBe(200);

    const issued = await tenant.api.post('/v1/members/WALLET-1/coupons', { coupon_id: coupon.id, pay_with_points: true, pass_type: 'apple' });
    expect(issued.status).toBe(201);
    const pass = issued.body.data;
    expect((await tenant.api.get('/v1/members/WALLET-1')).body.data.points).toBe(30);

    expect(pass.kind).toBe('coupon');

    // A real coupon pass: its signature verifies with `openssl cms -verify` against the signer's CA
    // (openPass), and its pass.json uses Apple's `coupon` style key.
    // The code on the coupon is what the till reads: the built-in coupon look puts the serial in the QR.
    const opened = await openPass(await download(tenant, pass.pass_id), await developmentCaPem(fleet));
    const code = opened.passJson.barcodes[0].message as string;
    expect(code).toBe(pass.serial_number);
    expect(opened.passJson).not.toHaveProperty('storeCard');
    expect(Object.values(opened.passJson.coupon as Record<string, any[]>).flat()).toContainEqual(expect.objectContaining({ key: 'offer', value: 'Free coffee' }));

    // GET /v1/passes?code= and the till share one matcher: the coupon is found by what its QR
    // shows (the serial), not by the member id the built-in card look shows.
    expect((await tenant.api.get(`/v1/passes?code=${encodeURIComponent(code)}`)).body.data.map((p: any) => p.pass_id)).toEqual([pass.pass_id]);
    expect((await tenant.api.get('/v1/passes?code=WALLET-1')).body.data.map((p: any) => p.pass_id)).not.toContain(pass.pass_id);

    const looked = await till.get(`/v1/scan/${encodeURIComponent(code)}`);
    expect(looked.status).toBe(200);
    expect(looked.body.data).toEqual(expect.objectContaining({ pass: expect.objectContaining({ pass_id: pass.pass_id, coupon_id: coupon.id }), actions: expect.arrayContaining(['redeem']) }));

    const redeemed = await till.post(`/v1/scan/${encodeURIComponent(code)}`, { action: 'redeem', transaction_reference: 'walletapp-1' });
    expect(redeemed.status).toBe(200);
    expect(redeemed.body.data.pass).toEqual(expect.objectContaining({ status: 'redeemed', redeemed_at: expect.any(String) }));
    expect(redeemed.body.data.actions).not.toContain('redeem');
    expectError(await till.post(`/v1/scan/${encodeURIComponent(code)}`, { action: 'redeem', transaction_reference: 'walletapp-2' }), 409);
    expectError(await tenant.api.post(`/v1/passes/${pass.pass_id}/redeem`, {}), 409);

    const verifier = new StandardWebhook(hook.secret);
    const deliveries = await waitFor('pass.redeemed and pass.scanned on the webhook', () => {
      const mine = receiver.at('/till').filter((d) => JSON.parse(d.body).data.pass_id === pass.pass_id);
      return mine.length >= 2 ? mine : undefined;
    }, 60_000);
    const payloads = deliveries.map((d) => verifier.verify(d.body, webhookHeaders(d)) as any);
    expect(payloads.map((p) => p.type).sort()).toEqual(['pass.redeemed', 'pass.scanned']);
    expect(payloads.find((p) => p.type === 'pass.redeemed').data).toEqual(
      expect.objectContaining({ pass_id: pass.pass_id, member_id: 'WALLET-1', coupon_id: coupon.id, scanner_id: scannerId, transaction_reference: 'walletapp-1' }),
    );
    expect(payloads.find((p) => p.type === 'pass.scanned').data).toEqual(expect.objectContaining({ pass_id: pass.pass_id, scanner_id: scannerId, action: 'redeem' }));

    const totals = await waitFor('insights to count the scan and the redemption', async () => {
      const metrics = (await tenant.api.get('/v1/insights/metrics?interval=day')).body.data.totals;
      return metrics.redemptions >= 1 ? metrics : undefined;
    }, 60_000);
    // The walletapp redeem is the tenant's only redemption; scans: every successful POST /v1/scan of this spec.
    expect(totals.redemptions).toBe(1);
    expect(totals.scans).toBeGreaterThanOrEqual(1);
    const logged = await listAll(tenant.api, '/v1/insights/events?type=pass.redeemed');
    expect(logged.map((e) => e.data.pass_id)).toEqual([pass.pass_id]);
  });
});
