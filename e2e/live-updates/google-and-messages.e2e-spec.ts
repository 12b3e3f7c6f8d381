import { FakeApnsServer } from '@wp/apns/testing';
import { FakeGoogleWalletServer, TestServiceAccount, createTestServiceAccount } from '@wp/google-wallet/testing';
import { Admin, Fleet, TenantFixture, bootstrapAdmin, onboardTenant, waitFor } from '@wp/testing';
import { FakeIPhone, HeldPass, fieldValue } from './fake-iphone';

const ISSUER_ID = '3388000000077777777';

/**
 * The Google half of live updates, and messages on passes (POST /v1/notifications): a points
 * change PATCHes the loyalty object through the real googleapis client with a bearer the
 * fake verifies; a message becomes an Apple back field with a changeMessage (pushed to the
 * device) and a Google addMessage, whose 3-per-24-h cap is a 429 with Retry-After.
 */
describe('live updates: Google objects and messages on passes', () => {
  let apns: FakeApnsServer;
  let google: FakeGoogleWalletServer;
  let account: TestServiceAccount;
  let fleet: Fleet;
  let admin: Admin;
  let tenant: TenantFixture;

  beforeAll(async () => {
    apns = await FakeApnsServer.start();
    account = createTestServiceAccount();
    google = new FakeGoogleWalletServer();
    google.registerServiceAccount(account, { issuerIds: [ISSUER_ID] });
    const { url } = await google.start();
    fleet = await Fleet.start({ env: { APNS_URL: apns.url, GOOGLE_WALLET_API_URL: url } });
    admin = await bootstrapAdmin(fleet);
    tenant = await onboardTenant(fleet, admin, 'Message Bakery');
    expect((await tenant.api.put('/v1/tenant/google', { issuer_id: ISSUER_ID, service_account_json: JSON.stringify(account.json) })).status).toBe(200);
  });
  afterAll(async () => {
    await fleet?.stop();
    await google?.stop();
    await apns?.stop();
  });

  async function member(memberId: string): Promise<void> {
    expect((await tenant.api.post('/v1/members/register', { member_id: memberId, member_name: 'Grace Hopper' })).status).toBe(201);
  }

  async function pass(memberId: string, passType: 'apple' | 'google'): Promise<string> {
    const created = await tenant.api.post('/v1/passes/create-from-member', { member_id: memberId, pass_type: passType, company_name: 'Message Bakery' });
    expect(created.status).toBe(201);
    return created.body.data.pass_id;
  }

  /** An iPhone holding the member's Apple pass (development-signed: this tenant has no certificate). */
  async function phoneFor(passId: string): Promise<{ phone: FakeIPhone; held: HeldPass }> {
    const download = await tenant.api.get(`/v1/passes/${passId}/download`);
    expect(download.status).toBe(200);
    const phone = new FakeIPhone();
    const held = phone.add(download.bytes, download.headers.get('last-modified'));
    expect((await phone.register(held)).status).toBe(201);
    expect((await phone.listUpdated(held)).status).toBe(200);
    return { phone, held };
  }

  const objectId = (passId: string) => `${ISSUER_ID}.${passId}`;

  test('a points change PATCHes the loyalty object with the new balance, with a bearer the fake verified', async () => {
    await member('G-LIVE');
    const passId = await pass('G-LIVE', 'google');
    await waitFor('the object at Google', () => google.loyaltyObject(objectId(passId)));
    const changed = await tenant.api.put('/v1/members/G-LIVE/points', { points: 420, operation: 'add' });
    expect(changed.status).toBe(200);
    const patch = await google.waitFor(
      (request) => request.method === 'PATCH' && request.path === `/walletobjects/v1/loyaltyObject/${objectId(passId)}` && (request.body as any)?.loyaltyPoints?.balance?.int === 420,
      20_000,
    );
    expect(patch.status).toBe(200);
    expect(patch.identity).toBe(account.serviceAccount.clientEmail);
    expect(patch.bearerClaims).toMatchObject({ iss: account.serviceAccount.clientEmail, scope: expect.stringContaining('wallet_object.issuer') });
    expect((google.loyaltyObject(objectId(passId)) as any).loyaltyPoints.balance.int).toBe(420);
  });

  test('a message to an Apple pass is a back field with a changeMessage, pushed to the device', async () => {
    await member('M-APPLE');
    const passId = await pass('M-APPLE', 'apple');
    const { phone, held } = await phoneFor(passId);

    const sent = await tenant.api.post('/v1/notifications', { pass_id: passId, message: 'Free croissant with any coffee today' });
    expect(sent.status).toBe(201);
    expect(sent.body.data).toMatchObject({
      notification_id: expect.any(String),
      message: 'Free croissant with any coffee today',
      targets: [{ pass_id: passId, pass_type: 'apple', channel: 'apple_push', status: 'delivered', version: 2, error: null }],
    });

    const push = await waitFor('the push', () => apns.pushes.find((p) => p.token === phone.pushToken), 20_000);
    expect(push.topic).toBe(held.passTypeIdentifier);
    expect(push.response.status).toBe(200);
    const synced = await phone.sync(held);
    expect(synced.fetches.map((f) => f.status)).toEqual([200]);
    const back = held.passJson.storeCard.backFields as Array<{ key: string; value: string; changeMessage?: string }>;
    expect(back[0]).toMatchObject({ value: 'Free croissant with any coffee today', changeMessage: '%@' });
    expect(fieldValue(held.passJson, back[0].key)).toBe('Free croissant with any coffee today');
  });

  test('a message to a member reaches its Apple and Google passes; Google takes 3 per pass a day, then the whole message is a 429', async () => {
    await member('M-BOTH');
    const applePass = await pass('M-BOTH', 'apple');
    const googlePass = await pass('M-BOTH', 'google');
    await waitFor('the object at Google', () => google.loyaltyObject(objectId(googlePass)));

    for (let i = 1; i <= 3; i++) {
      const sent = await tenant.api.post('/v1/notifications', { member_id: 'M-BOTH', message: `Message ${i}` });
      expect(sent.status).toBe(201);
      expect(sent.body.data.targets).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ pass_id: applePass, channel: 'apple_push', status: 'delivered' }),
          expect.objectContaining({ pass_id: googlePass, channel: 'google_message', status: 'delivered' }),
        ]),
      );
    }
    const messages = (google.loyaltyObject(objectId(googlePass)) as any).messages as Array<{ header: string; body: string; messageType: string }>;
    expect(messages.map((m) => m.body)).toEqual(['Message 1', 'Message 2', 'Message 3']);
    expect(messages.every((m) => m.messageType === 'TEXT_AND_NOTIFY' && m.header === 'Message Bakery')).toBe(true);

    const refused = await tenant.api.post('/v1/notifications', { member_id: 'M-BOTH', message: 'Message 4' });
    expect(refused.status).toBe(429);
    expect(refused.body.message).toMatch(/3 notifying messages per pass per 24 hours/);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(23 * 3600);
    expect(retryAfter).toBeLessThanOrEqual(24 * 3600);
    // Refused as a whole: neither pass shows the fourth message.
    expect(((google.loyaltyObject(objectId(googlePass)) as any).messages as unknown[]).length).toBe(3);
    const apple = await tenant.api.get(`/v1/passes/${applePass}`);
    expect(apple.body.data.version).toBe(4);
    // The Apple pass alone still takes messages.
    expect((await tenant.api.post('/v1/notifications', { pass_id: applePass, message: 'Apple only' })).status).toBe(201);
  });

  test('messages are validated, and need a live pass of the tenant', async () => {
    await member('M-EDGE');
    const passId = await pass('M-EDGE', 'apple');
    expect((await tenant.api.post('/v1/notifications', { message: 'to nobody' })).status).toBe(400);
    expect((await tenant.api.post('/v1/notifications', { pass_id: passId, member_id: 'M-EDGE', message: 'both' })).status).toBe(400);
    expect((await tenant.api.post('/v1/notifications', { pass_id: passId, message: '   ' })).status).toBe(400);
    expect((await tenant.api.post('/v1/notifications', { pass_id: passId, message: 'x'.repeat(501) })).status).toBe(400);
    expect((await tenant.api.post('/v1/notifications', { member_id: 'NOBODY', message: 'hi' })).status).toBe(404);
    await member('M-NOPASS');
    expect((await tenant.api.post('/v1/notifications', { member_id: 'M-NOPASS', message: 'hi' })).status).toBe(422);
    const other = await onboardTenant(fleet, admin, 'Other Bakery');
    expect((await other.api.post('/v1/notifications', { pass_id: passId, message: 'not yours' })).status).toBe(404);
    expect((await tenant.api.post(`/v1/passes/${passId}/void`)).status).toBe(200);
    expect((await tenant.api.post('/v1/notifications', { pass_id: passId, message: 'too late' })).status).toBe(422);
    expect((await fleet.api.post('/v1/notifications', { pass_id: passId, message: 'no key' })).status).toBe(401);
  });
});
