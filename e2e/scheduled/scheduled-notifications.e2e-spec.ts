import { FakeApnsServer } from '@wp/apns/testing';
import { FakeGoogleWalletServer, createTestServiceAccount } from '@wp/google-wallet/testing';
import { Admin, Fleet, TenantFixture, bootstrapAdmin, onboardTenant, waitFor } from '@wp/testing';
import {
  ISSUER_ID,
  applePassOnPhone,
  googleMessages,
  googlePass,
  messageOnPhone,
  passVersion,
  register,
  schedule,
  secondsFromNow,
  waitForState,
} from './scheduled.helpers';

/**
 * Scheduled notifications (contract §8.6): the API, and the send at send_at through the path
 * of POST /v1/notifications, to every pass of the audience, once. Notification runs two
 * replicas, so every send here is also raced for by both.
 */
describe('scheduled notifications', () => {
  let apns: FakeApnsServer;
  let google: FakeGoogleWalletServer;
  let fleet: Fleet;
  let admin: Admin;
  let tenant: TenantFixture;
  const account = createTestServiceAccount();

  async function tenantWithGoogle(name: string): Promise<TenantFixture> {
    const onboarded = await onboardTenant(fleet, admin, name);
    expect((await onboarded.api.put('/v1/tenant/google', { issuer_id: ISSUER_ID, service_account_json: JSON.stringify(account.json) })).status).toBe(200);
    return onboarded;
  }

  beforeAll(async () => {
    apns = await FakeApnsServer.start();
    google = new FakeGoogleWalletServer();
    google.registerServiceAccount(account, { issuerIds: [ISSUER_ID] });
    const { url } = await google.start();
    fleet = await Fleet.start({ env: { APNS_URL: apns.url, GOOGLE_WALLET_API_URL: url }, serviceReplicas: { notification: 2 } });
    admin = await bootstrapAdmin(fleet);
    tenant = await tenantWithGoogle('Scheduled Bakery');
  }, 600_000);
  afterAll(async () => {
    await fleet?.stop();
    await google?.stop();
    await apns?.stop();
  });

  describe('the API', () => {
    const valid = () => ({ send_at: secondsFromNow(86_400), message: 'Tomorrow: double points', audience: { member_ids: ['API-1', 'API-2'] } });

    async function refused(body: Record<string, unknown>, field: string): Promise<void> {
      const response = await tenant.api.post('/v1/notifications/scheduled', body);
      expect({ status: response.status, fields: response.body.errors?.map((e: { field: string }) => e.field) }).toEqual({ status: 400, fields: expect.arrayContaining([field]) });
    }

    test('bad input is a 400 naming the field', async () => {
      const { audience: _audience, ...withoutAudience } = valid();
      await refused(withoutAudience, 'audience');
      await refused({ ...valid(), audience: {} }, 'audience');
      await refused({ ...valid(), audience: { all: true, tier: 'gold' } }, 'audience');
      await refused({ ...valid(), audience: { member_ids: [] } }, 'audience.member_ids');
      await refused({ ...valid(), audience: { member_ids: ['has space'] } }, 'audience.member_ids');
      await refused({ ...valid(), audience: { member_ids: ['A', 'A'] } }, 'audience.member_ids');
      await refused({ ...valid(), audience: { all: false } }, 'audience.all');
      await refused({ ...valid(), audience: { tier: 'platinum' } }, 'audience.tier');
      await refused({ ...valid(), audience: { all: true, extra: 1 } }, 'audience.extra');
      await refused({ ...valid(), send_at: 'tomorrow' }, 'send_at');
      await refused({ ...valid(), send_at: '2026-12-24T09:00:00' }, 'send_at');
      await refused({ ...valid(), send_at: '2026-02-30T09:00:00Z' }, 'send_at');
      await refused({ ...valid(), send_at: secondsFromNow(-3600) }, 'send_at');
      await refused({ ...valid(), send_at: secondsFromNow(400 * 86_400) }, 'send_at');
      await refused({ ...valid(), message: '   ' }, 'message');
      await refused({ ...valid(), message: 'x'.repeat(501) }, 'message');
      await refused({ ...valid(), unknown: true }, 'unknown');
      expect((await fleet.api.post('/v1/notifications/scheduled', valid())).status).toBe(401);
    });

    test('create, get, list, cancel; another tenant sees none of it', async () => {
      const created = await schedule(tenant, valid());
      expect(created).toMatchObject({
        id: expect.any(String),
        state: 'scheduled',
        message: 'Tomorrow: double points',
        audience: { member_ids: ['API-1', 'API-2'] },
        counts: { audience: 2, sent: 0, failed: 0, skipped: 0, pending: 2 },
        started_at: null,
        completed_at: null,
        cancelled_at: null,
      });
      const byTier = await schedule(tenant, { ...valid(), audience: { tier: 'GOLD' } });
      // Tiers as the programme names them (the default programme: bronze, silver, gold).
      expect(byTier).toMatchObject({ audience: { tier: 'gold' }, counts: { audience: null } });
      const toAll = await schedule(tenant, { ...valid(), audience: { all: true } });
      expect(toAll.audience).toEqual({ all: true });

      const got = await tenant.api.get(`/v1/notifications/scheduled/${created.id}`);
      expect(got.status).toBe(200);
      expect(got.body.data).toEqual(created);

      const first = await tenant.api.get('/v1/notifications/scheduled?limit=2');
      expect(first.status).toBe(200);
      expect(first.body.data.map((s: { id: string }) => s.id)).toEqual([toAll.id, byTier.id]);
      const second = await tenant.api.get(`/v1/notifications/scheduled?limit=2&cursor=${first.body.pagination.next_cursor}`);
      expect(second.body.data.map((s: { id: string }) => s.id)).toContain(created.id);
      expect((await tenant.api.get('/v1/notifications/scheduled?state=bogus')).status).toBe(400);

      const other = await onboardTenant(fleet, admin, 'Other Bakery');
      expect((await other.api.get(`/v1/notifications/scheduled/${created.id}`)).status).toBe(404);
      expect((await other.api.delete(`/v1/notifications/scheduled/${created.id}`)).status).toBe(404);
      expect((await other.api.get('/v1/notifications/scheduled')).body.data).toEqual([]);
      expect((await tenant.api.get('/v1/notifications/scheduled/not-a-uuid')).status).toBe(404);

      const cancelled = await tenant.api.delete(`/v1/notifications/scheduled/${created.id}`);
      expect(cancelled.status).toBe(200);
      expect(cancelled.body.data).toMatchObject({ id: created.id, state: 'cancelled', cancelled_at: expect.any(String) });
      const again = await tenant.api.delete(`/v1/notifications/scheduled/${created.id}`);
      expect(again.status).toBe(200);
      expect(again.body.data.state).toBe('cancelled');
      const listed = await tenant.api.get('/v1/notifications/scheduled?state=cancelled');
      expect(listed.body.data.map((s: { id: string }) => s.id)).toEqual([created.id]);
      // Not left waiting for tomorrow in the table of other tests.
      for (const id of [byTier.id, toAll.id]) expect((await tenant.api.delete(`/v1/notifications/scheduled/${id}`)).status).toBe(200);
    });
  });

  test('at send_at every audience pass shows the message once; a cancelled one never fires; a sent one cannot be cancelled', async () => {
    await register(tenant, 'S-APPLE');
    await register(tenant, 'S-GOOGLE');
    await register(tenant, 'S-BOTH');
    await register(tenant, 'S-NOPASS');
    const apple = await applePassOnPhone(tenant, 'S-APPLE');
    const googleOnly = await googlePass(tenant, google, 'S-GOOGLE');
    const both = { apple: await applePassOnPhone(tenant, 'S-BOTH'), google: await googlePass(tenant, google, 'S-BOTH') };

    const cancelled = await schedule(tenant, { send_at: secondsFromNow(3), message: 'Never shown', audience: { member_ids: ['S-APPLE', 'S-GOOGLE', 'S-BOTH'] } });
    expect((await tenant.api.delete(`/v1/notifications/scheduled/${cancelled.id}`)).status).toBe(200);
    const members = ['S-APPLE', 'S-GOOGLE', 'S-BOTH', 'S-NOPASS', 'S-UNKNOWN'];
    const scheduled = await schedule(tenant, { send_at: secondsFromNow(5), message: 'Fresh bread at noon', audience: { member_ids: members } });

    const sent = await waitForState(tenant, scheduled.id, 'sent');
    expect(sent.counts).toEqual({ audience: 5, sent: 3, failed: 0, skipped: 2, pending: 0 });
    // Not early: it started at its time, not when it was created.
    expect(Date.parse(sent.started_at ?? '')).toBeGreaterThanOrEqual(Date.parse(sent.send_at));

    // Google: one message on each object, with Google's notification.
    expect(googleMessages(google, googleOnly)).toEqual(['Fresh bread at noon']);
    expect(googleMessages(google, both.google)).toEqual(['Fresh bread at noon']);
    // Apple: one new version carrying the message, pushed to the phone, which shows it.
    for (const { passId, phone, held } of [apple, both.apple]) {
      expect(await passVersion(tenant, passId)).toBe(2);
      await waitFor('the push', () => apns.pushes.find((push) => push.token === phone.pushToken), 60_000);
      await phone.sync(held);
      expect(messageOnPhone(held)).toBe('Fresh bread at noon');
    }

    // The cancelled one, due before it, never went out.
    const stillCancelled = await tenant.api.get(`/v1/notifications/scheduled/${cancelled.id}`);
    expect(stillCancelled.body.data).toMatchObject({ state: 'cancelled', started_at: null, counts: { sent: 0 } });
    expect((await tenant.api.delete(`/v1/notifications/scheduled/${scheduled.id}`)).status).toBe(409);
  });

  test('a tier, and everyone, resolved when the message goes out', async () => {
    const shop = await tenantWithGoogle('Tiered Bakery');
    const passes: Record<string, string> = {};
    for (const [memberId, points] of [
      ['T-GOLD', 300],
      ['T-SILVER', 150],
      ['T-BRONZE', 10],
    ] as const) {
      await register(shop, memberId, points);
      passes[memberId] = await googlePass(shop, google, memberId);
    }
    const gold = await schedule(shop, { send_at: secondsFromNow(3), message: 'Gold members: free coffee', audience: { tier: 'gold' } });
    const everyone = await schedule(shop, { send_at: secondsFromNow(4), message: 'Open on Sunday', audience: { all: true } });

    expect((await waitForState(shop, gold.id, 'sent')).counts).toEqual({ audience: 1, sent: 1, failed: 0, skipped: 0, pending: 0 });
    expect((await waitForState(shop, everyone.id, 'sent')).counts).toEqual({ audience: 3, sent: 3, failed: 0, skipped: 0, pending: 0 });
    expect(googleMessages(google, passes['T-GOLD'])).toEqual(['Gold members: free coffee', 'Open on Sunday']);
    expect(googleMessages(google, passes['T-SILVER'])).toEqual(['Open on Sunday']);
    expect(googleMessages(google, passes['T-BRONZE'])).toEqual(['Open on Sunday']);
  });

  test('with every notification replica killed before send_at and started after it, the message still goes out, once', async () => {
    await register(tenant, 'K-BOTH');
    const apple = await applePassOnPhone(tenant, 'K-BOTH');
    const googleId = await googlePass(tenant, google, 'K-BOTH');
    const scheduled = await schedule(tenant, { send_at: secondsFromNow(5), message: 'Back after the outage', audience: { member_ids: ['K-BOTH'] } });

    await fleet.kill('notification');
    await fleet.kill('notification#1');
    // The service is down when the message is due.
    await waitFor('send_at to pass', () => (Date.now() > Date.parse(scheduled.send_at) + 1000 ? true : undefined), 60_000);
    await fleet.restart('notification');
    await fleet.respawn('notification#1');

    const sent = await waitForState(tenant, scheduled.id, 'sent');
    expect(sent.counts).toEqual({ audience: 1, sent: 1, failed: 0, skipped: 0, pending: 0 });
    expect(googleMessages(google, googleId)).toEqual(['Back after the outage']);
    expect(await passVersion(tenant, apple.passId)).toBe(2);
    await waitFor('the push', () => apns.pushes.find((push) => push.token === apple.phone.pushToken), 60_000);
    await apple.phone.sync(apple.held);
    expect(messageOnPhone(apple.held)).toBe('Back after the outage');
  });
});
