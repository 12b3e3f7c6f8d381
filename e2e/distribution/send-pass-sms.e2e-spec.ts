import { FakeTwilioServer } from '@wp/sms/testing';
import { Admin, Fleet, TenantFixture, bootstrapAdmin, onboardTenant, waitFor } from '@wp/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { SEND, UUID, codeOf, expectError, fieldsOf, registerMember, seedRequest } from './distribution.helpers';

const ACCOUNT_SID = `AC${randomBytes(16).toString('hex')}`;
const AUTH_TOKEN = randomBytes(16).toString('hex');
const FROM = '+14155550100';
/** A number libphonenumber calls possible (the seed's +1234567890 is E.164 but not possible). */
const PHONE = '+14155550123';
const DAILY_QUOTA = 3;
const LINK_RATE_PER_MIN = 30;

/**
 * Distribution by SMS through the gateway: the seed's
 * dry runs verbatim, a real send through the twilio SDK to a local fake, Twilio's signed
 * status callbacks, short links, refusals and the daily quota.
 */
describe('POST /v1/distribution/send-pass-sms and what follows it', () => {
  let fake: FakeTwilioServer;
  let fleet: Fleet;
  let admin: Admin;
  let tenant: TenantFixture;

  beforeAll(async () => {
    fake = await FakeTwilioServer.start([{ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN }]);
    fleet = await Fleet.start({
      processEnv: {
        notification: {
          TWILIO_API_URL: fake.url,
          TWILIO_ACCOUNT_SID: ACCOUNT_SID,
          TWILIO_AUTH_TOKEN: AUTH_TOKEN,
          TWILIO_FROM: FROM,
          SMS_DAILY_QUOTA: String(DAILY_QUOTA),
        },
        gateway: { LINK_RATE_PER_MIN: String(LINK_RATE_PER_MIN) },
      },
    });
    admin = await bootstrapAdmin(fleet);
    tenant = await onboardTenant(fleet, admin, 'My Company');
    await registerMember(tenant.api, 'MEMBER-001', { member_email: 'john@example.com', phone_number: '+1234567890' });
  });

  afterAll(async () => {
    await fleet?.stop();
    await fake?.close();
  });

  let seededPassId: string;

  describe("the seed's dry runs, verbatim", () => {
    test('by member_id: the member gets a pass, a short link and the exact message, and nothing is sent', async () => {
      const before = fake.calls.length;
      const response = await seedRequest(tenant.api, '{\n"member_id": "MEMBER-001",\n"phone_number": "+1234567890"\n}');

      expect(response.status).toBe(201);
      expect(response.body).toEqual({
        status: 'success',
        data: {
          message_id: expect.stringMatching(UUID),
          status: 'dry_run',
          to: '+1234567890',
          short_url: expect.stringMatching(new RegExp(`^${fleet.baseUrl}/s/[0-9A-Za-z]{12}$`)),
          body: expect.any(String),
          dry_run: true,
          pass_id: expect.stringMatching(UUID),
        },
      });
      const data = response.body.data;
      expect(data.body).toBe(`My Company: Hi John, your loyalty card is ready. Add it to your wallet: ${data.short_url}`);
      expect(fake.calls.length).toBe(before);

      const member = await tenant.api.get('/v1/members/MEMBER-001');
      expect(member.body.data.passes).toEqual([expect.objectContaining({ pass_id: data.pass_id, pass_type: 'apple', status: 'active' })]);
      seededPassId = data.pass_id;
    });

    test('by pass_id: the same pass, a new link', async () => {
      const first = await seedRequest(tenant.api, `{\n"member_id": "MEMBER-001",\n"phone_number": "+1234567890"\n}`);
      const response = await seedRequest(tenant.api, `{\n"pass_id": "${seededPassId}",\n"phone_number": "+1234567890"\n}`);
      expect(response.status).toBe(201);
      expect(response.body.data).toMatchObject({ status: 'dry_run', dry_run: true, to: '+1234567890', pass_id: seededPassId });
      expect(response.body.data.short_url).not.toBe(first.body.data.short_url);
      expect(first.body.data.pass_id).toBe(seededPassId);
    });
  });

  describe('a real send', () => {
    let messageId: string;
    let sid: string;

    test('reaches Twilio through the SDK: POST …/Accounts/{sid}/Messages.json with Basic auth, To, From and a body carrying the short URL', async () => {
      const response = await tenant.api.post(SEND, { member_id: 'MEMBER-001', phone_number: PHONE });
      expect(response.status).toBe(201);
      expect(response.body.data).toMatchObject({ status: 'queued', dry_run: false, to: PHONE, pass_id: seededPassId });
      const { short_url: shortUrl, body } = response.body.data;
      messageId = response.body.data.message_id;

      const sms = await fake.waitForMessage((m) => m.body === body, 15_000);
      const call = fake.calls.find((c) => c.params.Body === body);
      // The fake only records POSTs to /2010-04-01/Accounts/{AccountSid}/Messages.json.
      expect(call).toEqual({
        accountSid: ACCOUNT_SID,
        authHeaderValid: true,
        params: { To: PHONE, From: FROM, Body: body, StatusCallback: `${fleet.baseUrl}/v1/twilio/status` },
      });
      expect(sms.body).toContain(shortUrl);
      sid = await waitFor('the message to carry Twilio’s SID', async () => {
        const message = await tenant.api.get(`/v1/distribution/messages/${messageId}`);
        return message.body.data?.provider_message_id ?? undefined;
      });
      expect(sid).toBe(sms.sid);
    });

    test("Twilio's signed status callbacks move the message to sent, then delivered", async () => {
      expect((await fake.sendStatusCallback(sid, 'sent')).statusCode).toBe(204);
      expect((await tenant.api.get(`/v1/distribution/messages/${messageId}`)).body.data.status).toBe('sent');
      expect((await fake.sendStatusCallback(sid, 'delivered', { extraParams: { RawDlrDoneDate: '2401091030' } })).statusCode).toBe(204);
      expect((await tenant.api.get(`/v1/distribution/messages/${messageId}`)).body.data).toMatchObject({ status: 'delivered', error_code: null });
    });

    test('a forged or unsigned callback is refused with 403 and changes nothing', async () => {
      const forged = await fake.sendForgedStatusCallback(sid, 'undelivered');
      expect(forged.statusCode).toBe(403);
      expect(JSON.parse(forged.responseBody)).toMatchObject({ status: 'error', message: 'Invalid Twilio signature' });
      const unsigned = await fleet.api.post('/v1/twilio/status', undefined, {
        rawBody: new URLSearchParams({ MessageSid: sid, MessageStatus: 'failed', AccountSid: ACCOUNT_SID }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expectError(unsigned, 403);
      expect((await tenant.api.get(`/v1/distribution/messages/${messageId}`)).body.data.status).toBe('delivered');
    });

    test('the send and its delivery land in the event log as sms.sent and sms.delivered', async () => {
      const events = await waitFor('sms events in the event log', async () => {
        const response = await tenant.api.get('/v1/insights/events?type=sms.*&limit=100');
        const mine = (response.body.data ?? []).filter((e: { data: { message_id?: string } }) => e.data?.message_id === messageId);
        return mine.length >= 2 ? mine : undefined;
      });
      expect(events.map((e: { type: string }) => e.type).sort()).toEqual(['sms.delivered', 'sms.sent']);
      const sent = events.find((e: { type: string }) => e.type === 'sms.sent');
      expect(sent.data).toMatchObject({ message_id: messageId, pass_id: seededPassId, member_id: 'MEMBER-001', to: '+1******0123' });
    });

    test('an Idempotency-Key retry replays the first answer and sends once', async () => {
      const key = randomUUID();
      const first = await tenant.api.post(SEND, { member_id: 'MEMBER-001', phone_number: '+14155550124' }, { headers: { 'idempotency-key': key } });
      const again = await tenant.api.post(SEND, { member_id: 'MEMBER-001', phone_number: '+14155550124' }, { headers: { 'idempotency-key': key } });
      expect(first.status).toBe(201);
      expect(again.body.data.message_id).toBe(first.body.data.message_id);
      await fake.waitForMessage((m) => m.body === first.body.data.body, 15_000);
      expect(fake.messages.filter((m) => m.to === '+14155550124')).toHaveLength(1);
    });
  });

  describe('refusals: the contract’s 400 or 404, and nothing sent', () => {
    let other: TenantFixture;
    let othersPassId: string;

    beforeAll(async () => {
      other = await onboardTenant(fleet, admin, 'Other Company');
      await registerMember(other.api, 'MEMBER-001');
      othersPassId = (await other.api.post(`${SEND}?dry_run=1`, { member_id: 'MEMBER-001', phone_number: PHONE })).body.data.pass_id;
    });

    test.each([
      ['that is not E.164', { member_id: 'MEMBER-001', phone_number: '4155550123' }, ''],
      ['with spaces', { member_id: 'MEMBER-001', phone_number: '+1 415 555 0123' }, ''],
      ['with a leading zero', { member_id: 'MEMBER-001', phone_number: '+0123456789' }, '?dry_run=1'],
      ['that is missing', { member_id: 'MEMBER-001' }, '?dry_run=1'],
      ['that is E.164 but not a possible number, on a real send', { member_id: 'MEMBER-001', phone_number: '+1234567890' }, ''],
    ])('a phone number %s is a 400 on phone_number', async (_name, body, query) => {
      const before = fake.calls.length;
      const response = await tenant.api.post(`${SEND}${query}`, body);
      expectError(response, 400);
      expect(fieldsOf(response)).toEqual(['phone_number']);
      expect(fake.calls.length).toBe(before);
    });

    test('pass_id and member_id: one of them, not both', async () => {
      expect(fieldsOf(await tenant.api.post(SEND, { phone_number: PHONE }))).toEqual(['pass_id']);
      const both = await tenant.api.post(SEND, { pass_id: seededPassId, member_id: 'MEMBER-001', phone_number: PHONE });
      expectError(both, 400);
      expect(both.body.errors).toEqual([{ field: 'pass_id', message: 'give pass_id or member_id, not both' }]);
    });

    test.each([
      ['an unknown pass', () => ({ pass_id: randomUUID() })],
      ['a malformed pass id', () => ({ pass_id: 'pass-uuid' })],
      ["another tenant's pass", () => ({ pass_id: othersPassId })],
      ['an unknown member', () => ({ member_id: 'MEMBER-404' })],
    ])('%s is a 404, for real sends and dry runs alike', async (_name, target) => {
      const before = fake.calls.length;
      for (const query of ['', '?dry_run=1']) {
        expectError(await tenant.api.post(`${SEND}${query}`, { ...target(), phone_number: PHONE }), 404);
      }
      expect(fake.calls.length).toBe(before);
    });

    test("another tenant's message is a 404", async () => {
      const mine = await tenant.api.post(`${SEND}?dry_run=1`, { member_id: 'MEMBER-001', phone_number: PHONE });
      expectError(await other.api.get(`/v1/distribution/messages/${mine.body.data.message_id}`), 404);
    });
  });

  test(`past the daily quota (${DAILY_QUOTA}), a real send is a 429 that says so, with Retry-After; dry runs go on`, async () => {
    const busy = await onboardTenant(fleet, admin, 'Busy Company');
    await registerMember(busy.api, 'MEMBER-001');
    for (let i = 0; i < DAILY_QUOTA; i++) {
      expect((await busy.api.post(SEND, { member_id: 'MEMBER-001', phone_number: `+1415555020${i}` })).status).toBe(201);
    }
    const refused = await busy.api.post(SEND, { member_id: 'MEMBER-001', phone_number: '+14155550209' });
    expectError(refused, 429);
    expect(refused.body.message).toMatch(/daily SMS quota reached/i);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(86_400);
    expect((await busy.api.post(`${SEND}?dry_run=1`, { member_id: 'MEMBER-001', phone_number: '+14155550209' })).status).toBe(201);
    await waitFor('the quota’s messages to reach Twilio', () => (fake.messages.filter((m) => m.to.startsWith('+1415555020')).length === DAILY_QUOTA ? true : undefined));
    expect(fake.messages.some((m) => m.to === '+14155550209')).toBe(false);
  });

  describe('GET /s/{code}', () => {
    test('answers 302 to the hosted page, counts every follow and logs link.clicked', async () => {
      const sent = await tenant.api.post(`${SEND}?dry_run=1`, { member_id: 'MEMBER-001', phone_number: PHONE });
      const path = new URL(sent.body.data.short_url).pathname;
      const follow = await fleet.api.get(path);
      expect(follow.status).toBe(302);
      expect(follow.headers.get('location')).toMatch(new RegExp(`^${fleet.baseUrl}/p/[0-9A-Za-z]{22}\\?via=sms$`));
      expect(follow.headers.get('cache-control')).toBe('no-store');
      await fleet.api.get(path);

      const message = await tenant.api.get(`/v1/distribution/messages/${sent.body.data.message_id}`);
      expect(message.body.data).toMatchObject({ clicks: 2, short_url: sent.body.data.short_url });
      const clicks = await waitFor('link.clicked in the event log', async () => {
        const response = await tenant.api.get('/v1/insights/events?type=link.clicked&limit=100');
        const mine = (response.body.data ?? []).filter((e: { data: { short_code?: string } }) => e.data?.short_code === codeOf(sent.body.data.short_url));
        return mine.length === 2 ? mine : undefined;
      });
      expect(clicks[0].data).toEqual({ short_code: codeOf(sent.body.data.short_url), pass_id: sent.body.data.pass_id, member_id: 'MEMBER-001' });
    });

    test('an unknown code is a friendly HTML 404', async () => {
      for (const code of ['AAAAAAAAAAAA', 'x', randomUUID()]) {
        const response = await fleet.api.get(`/s/${code}`);
        expect(response.status).toBe(404);
        expect(response.headers.get('content-type')).toMatch(/^text\/html/);
        expect(response.text).toContain('This link is not valid or has expired');
      }
    });

    test('is limited per client address, so codes cannot be enumerated', async () => {
      const statuses: number[] = [];
      let limited: Awaited<ReturnType<typeof fleet.api.get>> | undefined;
      for (let i = 0; i < LINK_RATE_PER_MIN + 5 && !limited; i++) {
        const response = await fleet.api.get(`/s/${randomBytes(6).toString('hex')}`);
        statuses.push(response.status);
        if (response.status === 429) limited = response;
      }
      expect(limited).toBeDefined();
      expectError(limited!, 429);
      expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(statuses.slice(0, -1).every((s) => s === 404)).toBe(true);
    });
  });
});
