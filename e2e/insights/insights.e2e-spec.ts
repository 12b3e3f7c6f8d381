import { FakeGoogleWalletServer, createTestServiceAccount } from '@wp/google-wallet/testing';
import { FakeTwilioServer } from '@wp/sms/testing';
import { Admin, Fleet, TenantFixture, bootstrapAdmin, onboardTenant, waitFor } from '@wp/testing';
import { randomBytes } from 'node:crypto';
import { FLEET_BOOT_TIMEOUT_MS, UUID, expectError, fieldsOf } from '../foundation/foundation.helpers';
import { changePoints, listAll, registerMember } from '../member/member.helpers';

const ACCOUNT_SID = `AC${randomBytes(16).toString('hex')}`;
const AUTH_TOKEN = randomBytes(16).toString('hex');
const ISSUER_ID = '3388000000055555555';
/** A number libphonenumber calls possible, so the send is real (to the local Twilio fake). */
const PHONE = '+14155550123';

const ZERO = {
  passes_created_apple: 0,
  passes_created_google: 0,
  installs: 0,
  uninstalls: 0,
  updates_pushed: 0,
  sms_sent: 0,
  sms_delivered: 0,
  link_clicks: 0,
  scans: 0,
  redemptions: 0,
  installs_by_channel: { sms: 0, page: 0, api: 0, enrollment: 0, email: 0 },
};

/**
 * Insights end to end: the spec performs a known set of actions through
 * the public API (and Twilio's signed callbacks, played by the local fake), then reads the
 * counts and the event log back. Installs stay at zero: no device registers a pass here.
 */
describe('insights', () => {
  let fleet: Fleet;
  let admin: Admin;
  let tenant: TenantFixture;
  let other: TenantFixture;
  let twilio: FakeTwilioServer;
  let google: FakeGoogleWalletServer;
  const started = new Date();

  beforeAll(async () => {
    twilio = await FakeTwilioServer.start([{ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN }]);
    const account = createTestServiceAccount();
    google = new FakeGoogleWalletServer();
    google.registerServiceAccount(account, { issuerIds: [ISSUER_ID] });
    const { url } = await google.start();
    fleet = await Fleet.start({
      env: { GOOGLE_WALLET_API_URL: url },
      processEnv: { notification: { TWILIO_API_URL: twilio.url, TWILIO_ACCOUNT_SID: ACCOUNT_SID, TWILIO_AUTH_TOKEN: AUTH_TOKEN, TWILIO_FROM: '+14155550100' } },
    });
    admin = await bootstrapAdmin(fleet);
    tenant = await onboardTenant(fleet, admin, 'Insight Coffee');
    other = await onboardTenant(fleet, admin);
    expect((await tenant.api.put('/v1/tenant/google', { issuer_id: ISSUER_ID, service_account_json: JSON.stringify(account.json) })).status).toBe(200);
  }, FLEET_BOOT_TIMEOUT_MS);

  afterAll(async () => {
    await fleet?.stop();
    await twilio?.close();
    await google?.stop();
  });

  async function createPass(memberId: string, passType: 'apple' | 'google'): Promise<string> {
    const response = await tenant.api.post('/v1/passes/create-from-member', { member_id: memberId, pass_type: passType, company_name: 'Insight Coffee' });
    expect(response.status).toBe(201);
    return response.body.data.pass_id;
  }

  async function logged(type: string): Promise<any[]> {
    return listAll(tenant.api, `/v1/insights/events?type=${encodeURIComponent(type)}`);
  }

  test('counts match the actions performed, per day and per hour, and only for the calling tenant', async () => {
    // Three passes: two Apple, one Google.
    await registerMember(tenant.api, 'INS-1', { phone_number: PHONE });
    await registerMember(tenant.api, 'INS-2');
    await createPass('INS-1', 'apple');
    await createPass('INS-2', 'apple');
    await createPass('INS-2', 'google');
    // A points change gives each of the member's passes a new version: 1 + 2 updates pushed.
    expect((await changePoints(tenant.api, 'INS-1', { points: 5, operation: 'add' })).status).toBe(200);
    expect((await changePoints(tenant.api, 'INS-2', { points: 5, operation: 'add' })).status).toBe(200);
    // One real SMS, which Twilio reports sent and then delivered; its link is followed twice.
    const sent = await tenant.api.post('/v1/distribution/send-pass-sms', { member_id: 'INS-1', phone_number: PHONE });
    expect(sent.status).toBe(201);
    const sms = await twilio.waitForMessage((m) => m.body === sent.body.data.body, 15_000);
    await waitFor('the message to carry its Twilio SID', async () => ((await tenant.api.get(`/v1/distribution/messages/${sent.body.data.message_id}`)).body.data?.provider_message_id ? true : undefined));
    expect((await twilio.sendStatusCallback(sms.sid, 'sent')).statusCode).toBe(204);
    expect((await twilio.sendStatusCallback(sms.sid, 'delivered')).statusCode).toBe(204);
    // The hosted page behind the link offers both wallets: with Google configured, the member's
    // Google pass is made for it (channel `page`), a fourth pass and the second Google one.
    const link = new URL(sent.body.data.short_url).pathname;
    expect((await fleet.api.get(link)).status).toBe(302);
    expect((await fleet.api.get(link)).status).toBe(302);

    const expected = {
      ...ZERO,
      passes_created_apple: 2,
      passes_created_google: 2,
      updates_pushed: 3,
      sms_sent: 1,
      sms_delivered: 1,
      link_clicks: 2,
    };
    // Events travel through outboxes and queues: wait until the log has every one of them
    // (and, should one never come, fail with the counts that did).
    const wanted = { 'pass.created': 4, 'pass.updated': 3, 'sms.sent': 1, 'sms.delivered': 1, 'link.clicked': 2 };
    let seen: Record<string, number> = {};
    await waitFor(
      'every action in the event log',
      async () => {
        seen = Object.fromEntries(await Promise.all(Object.keys(wanted).map(async (type) => [type, (await logged(type)).length] as const)));
        return JSON.stringify(seen) === JSON.stringify(wanted) ? true : undefined;
      },
      60_000,
      250,
    ).catch(() => undefined);
    expect(seen).toEqual(wanted);

    const day = await tenant.api.get('/v1/insights/metrics?interval=day');
    expect(day.status).toBe(200);
    expect(day.body.data.interval).toBe('day');
    expect(day.body.data.totals).toEqual(expected);
    const today = day.body.data.series.find((b: { start: string }) => b.start === `${started.toISOString().slice(0, 10)}T00:00:00.000Z`);
    const lastDay = day.body.data.series[day.body.data.series.length - 1];
    // The run may straddle midnight UTC; then the counts split over the two last days.
    if (today === lastDay) expect(lastDay).toEqual({ start: lastDay.start, ...expected });
    expect(day.body.data.series.every((b: { start: string }) => /T00:00:00\.000Z$/.test(b.start))).toBe(true);

    const from = new Date(started.getTime() - 3600_000).toISOString();
    const to = new Date(Date.now() + 60_000).toISOString();
    const hours = await tenant.api.get(`/v1/insights/metrics?interval=hour&from=${from}&to=${to}`);
    expect(hours.status).toBe(200);
    expect(hours.body.data.totals).toEqual(expected);
    const summed = hours.body.data.series.reduce((sum: number, b: typeof expected) => sum + b.passes_created_apple + b.link_clicks, 0);
    expect(summed).toBe(2 + 2);

    const others = await other.api.get('/v1/insights/metrics');
    expect(others.body.data.totals).toEqual(ZERO);
  }, 120_000);

  test('the event log lists every event newest first, paginated, filterable by type, family, member and time', async () => {
    const all = await listAll(tenant.api, '/v1/insights/events', 3);
    expect(all.length).toBeGreaterThanOrEqual(2 + 3 + 2 + 3 + 4);
    const times = all.map((e) => e.created_at);
    expect([...times].sort().reverse()).toEqual(times);
    expect(new Set(all.map((e) => e.id)).size).toBe(all.length);
    for (const event of all) expect(event).toEqual({ id: expect.stringMatching(UUID), type: expect.any(String), created_at: expect.any(String), member_id: expect.anything(), data: expect.any(Object) });

    const ins2 = await listAll(tenant.api, '/v1/insights/events?member_id=INS-2');
    expect(ins2.every((e) => e.member_id === 'INS-2')).toBe(true);
    expect(ins2.filter((e) => e.type === 'pass.created').map((e) => e.data.pass_type).sort()).toEqual(['apple', 'google']);
    expect(ins2.map((e) => e.type)).toEqual(expect.arrayContaining(['member.created', 'member.points_changed', 'pass.updated']));

    const smsFamily = await listAll(tenant.api, '/v1/insights/events?type=sms.*');
    expect(smsFamily.map((e) => e.type).sort()).toEqual(['sms.delivered', 'sms.sent']);
    expect(smsFamily.find((e) => e.type === 'sms.sent').data).toMatchObject({ member_id: 'INS-1', to: '+1******0123' });
    expect(JSON.stringify(all)).not.toContain(PHONE);

    const future = await tenant.api.get(`/v1/insights/events?from=${new Date(Date.now() + 3600_000).toISOString()}`);
    expect(future.body.data).toEqual([]);
    const window = await listAll(tenant.api, `/v1/insights/events?type=member.created&from=${started.toISOString()}&to=${new Date(Date.now() + 60_000).toISOString()}`);
    expect(window.map((e) => e.member_id).sort()).toEqual(['INS-1', 'INS-2']);

    expect(await listAll(other.api, '/v1/insights/events')).toEqual([]);
  });

  test('refuses bad queries, naming the field', async () => {
    const cases: Array<[string, string]> = [
      ['/v1/insights/metrics?interval=week', 'interval'],
      ['/v1/insights/metrics?from=yesterday', 'from'],
      ['/v1/insights/metrics?from=2026-02-01&to=2026-01-01', 'to'],
      ['/v1/insights/metrics?interval=hour&from=2025-01-01&to=2026-01-01', 'from'],
      ['/v1/insights/events?type=pass.exploded', 'type'],
      ['/v1/insights/events?member_id=a%20b', 'member_id'],
      ['/v1/insights/events?cursor=not-ours', 'cursor'],
      ['/v1/insights/events?limit=1000', 'limit'],
    ];
    for (const [path, field] of cases) {
      const response = await tenant.api.get(path);
      expectError(response, 400);
      expect({ path, fields: fieldsOf(response) }).toEqual({ path, fields: [field] });
    }
    expectError(await fleet.api.get('/v1/insights/metrics'), 401);
  });
});
