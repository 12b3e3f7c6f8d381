import { FakeTwilioServer } from '@wp/sms/testing';
import { Admin, Fleet, TenantFixture, bootstrapAdmin, onboardTenant, waitFor } from '@wp/testing';
import { randomBytes } from 'node:crypto';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { FLEET_BOOT_TIMEOUT_MS, UUID, expectError, fieldsOf } from '../foundation/foundation.helpers';
import { changePoints, listAll, registerMember } from '../member/member.helpers';
import { WebhookReceiver, webhookHeaders } from './webhook-receiver';

const ACCOUNT_SID = `AC${randomBytes(16).toString('hex')}`;
const AUTH_TOKEN = randomBytes(16).toString('hex');
const PHONE = '+14155550123';

/**
 * Outgoing webhooks end to end: the fleet runs
 * with the documented loopback switch so a receiver on 127.0.0.1 can be registered, and a
 * compressed retry schedule (three attempts, 300 ms and 600 ms apart, ±10%).
 */
describe('webhooks', () => {
  let fleet: Fleet;
  let admin: Admin;
  let tenant: TenantFixture;
  let other: TenantFixture;
  let receiver: WebhookReceiver;
  let twilio: FakeTwilioServer;

  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
    twilio = await FakeTwilioServer.start([{ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN }]);
    fleet = await Fleet.start({
      env: { WEBHOOK_ALLOW_LOOPBACK: '1', WEBHOOK_RETRY_SCHEDULE_MS: '300,600' },
      processEnv: { notification: { TWILIO_API_URL: twilio.url, TWILIO_ACCOUNT_SID: ACCOUNT_SID, TWILIO_AUTH_TOKEN: AUTH_TOKEN, TWILIO_FROM: '+14155550100' } },
    });
    admin = await bootstrapAdmin(fleet);
    tenant = await onboardTenant(fleet, admin);
    other = await onboardTenant(fleet, admin);
  }, FLEET_BOOT_TIMEOUT_MS);

  afterAll(async () => {
    await fleet?.stop();
    await receiver?.close();
    await twilio?.close();
  });

  async function register(path: string, events: string[], api = tenant.api): Promise<{ id: string; secret: string }> {
    const response = await api.post('/v1/webhooks', { url: receiver.url(path), events, description: `receiver ${path}` });
    expect(response.status).toBe(201);
    return response.body.data;
  }

  async function deliveries(id: string): Promise<any[]> {
    return listAll(tenant.api, `/v1/webhooks/${id}/deliveries`);
  }

  test('registration answers 201 with a whsec_ secret shown once, stored nowhere in clear', async () => {
    const response = await tenant.api.post('/v1/webhooks', { url: receiver.url('/created'), events: ['pass.*', 'member.points_changed'], description: 'CRM' });
    expect(response.status).toBe(201);
    const created = response.body.data;
    expect(created).toEqual({
      id: expect.stringMatching(UUID),
      url: receiver.url('/created'),
      events: ['pass.*', 'member.points_changed'],
      description: 'CRM',
      status: 'active',
      disabled_reason: null,
      created_at: expect.any(String),
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]+=*$/),
    });
    const key = Buffer.from(created.secret.slice('whsec_'.length), 'base64');
    expect(key.length).toBeGreaterThanOrEqual(24);
    expect(key.length).toBeLessThanOrEqual(64);

    const { secret, ...view } = created;
    expect((await tenant.api.get(`/v1/webhooks/${created.id}`)).body.data).toEqual(view);
    expect(await listAll(tenant.api, '/v1/webhooks')).toContainEqual(view);
    // Shown once: no later response and no log line carries it.
    const laterResponses = fleet.responses().filter((r) => !(r.method === 'POST' && r.path === '/v1/webhooks'));
    expect(laterResponses.filter((r) => r.text.includes(secret.slice(6)))).toEqual([]);
    expect(fleet.logs().filter((line) => line.includes(secret.slice(6)))).toEqual([]);

    expectError(await other.api.get(`/v1/webhooks/${created.id}`), 404);
    expectError(await other.api.get(`/v1/webhooks/${created.id}/deliveries`), 404);
    expectError(await other.api.delete(`/v1/webhooks/${created.id}`), 404);
    expectError(await tenant.api.get('/v1/webhooks/not-a-uuid'), 404);
  });

  test('refuses unknown event names and malformed bodies, one error per field', async () => {
    const badEvents = await tenant.api.post('/v1/webhooks', { url: receiver.url('/x'), events: ['pass.created', 'pass.exploded'] });
    expectError(badEvents, 400);
    expect(fieldsOf(badEvents)).toEqual(['events']);
    const empty = await tenant.api.post('/v1/webhooks', { url: receiver.url('/x'), events: [] });
    expect(fieldsOf(empty)).toEqual(['events']);
    const noUrl = await tenant.api.post('/v1/webhooks', { events: ['*'], secret: 'whsec_mine' });
    expectError(noUrl, 400);
    expect(fieldsOf(noUrl).sort()).toEqual(['secret', 'url']);
  });

  test('delivers member events signed per Standard Webhooks; the verifier accepts each and rejects a tampered one', async () => {
    const all = await register('/all', ['*']);
    const membersOnly = await register('/member-family', ['member.*']);
    const passesOnly = await register('/passes', ['pass.*']);

    await registerMember(tenant.api, 'WH-1');
    // 0 → 150 crosses bronze into silver: points_changed and tier_changed.
    expect((await changePoints(tenant.api, 'WH-1', { points: 150, operation: 'add', transaction_reference: 'wh-1' })).status).toBe(200);

    const expected = ['member.created', 'member.points_changed', 'member.tier_changed'];
    await waitFor('three member events at /all', () => (receiver.payloads('/all').filter((p) => p.data.member_id === 'WH-1').length >= 3 ? true : undefined), 30_000);
    await waitFor('three member events at /member-family', () => (receiver.payloads('/member-family').length >= 3 ? true : undefined), 30_000);

    const verifier = new StandardWebhook(all.secret);
    const received = receiver.at('/all').filter((r) => JSON.parse(r.body).data.member_id === 'WH-1');
    expect(received.map((r) => JSON.parse(r.body).type).sort()).toEqual(expected);
    for (const delivery of received) {
      const payload = verifier.verify(delivery.body, webhookHeaders(delivery)) as any;
      expect(payload).toEqual({ id: delivery.headers['webhook-id'], type: expect.any(String), created_at: expect.any(String), tenant_id: tenant.tenantId, data: expect.objectContaining({ member_id: 'WH-1' }) });
      expect(delivery.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
      expect(delivery.headers['content-type']).toBe('application/json');
    }
    const points = JSON.parse(received.find((r) => JSON.parse(r.body).type === 'member.points_changed')!.body);
    expect(points.data).toMatchObject({ points: 150, previous_points: 0, delta: 150, tier: 'silver', previous_tier: 'bronze', transaction_reference: 'wh-1' });

    // A tampered body, a forged id and another endpoint's secret all fail verification.
    const sample = received[0];
    expect(() => verifier.verify(sample.body.replace('WH-1', 'WH-2'), webhookHeaders(sample))).toThrow();
    expect(() => verifier.verify(sample.body, { ...webhookHeaders(sample), 'webhook-id': '00000000-0000-4000-8000-000000000000' })).toThrow();
    expect(() => new StandardWebhook(membersOnly.secret).verify(sample.body, webhookHeaders(sample))).toThrow();
    for (const delivery of receiver.at('/member-family')) expect(() => new StandardWebhook(membersOnly.secret).verify(delivery.body, webhookHeaders(delivery))).not.toThrow();

    // Each endpoint's record lists one successful attempt per event, under the event's id.
    const records = await deliveries(all.id);
    const mine = records.filter((d) => received.some((r) => r.headers['webhook-id'] === d.event_id));
    expect(mine).toHaveLength(3);
    for (const record of mine) {
      expect(record).toEqual({ id: expect.stringMatching(UUID), event_id: expect.stringMatching(UUID), event_type: expect.any(String), attempt: 1, status_code: 200, success: true, error: null, created_at: expect.any(String) });
    }
    // The same events went to the member.* endpoint at the same moment; the pass.* one got none.
    expect(receiver.at('/passes')).toEqual([]);
    expect(await deliveries(passesOnly.id)).toEqual([]);
  });

  test('delivers pass, SMS and link events the same way', async () => {
    const hook = await register('/pass-sms', ['pass.*', 'sms.*', 'link.clicked']);
    await registerMember(tenant.api, 'WH-PASS', { phone_number: PHONE });
    const created = await tenant.api.post('/v1/passes/create-from-member', { member_id: 'WH-PASS', pass_type: 'apple', company_name: 'Webhook Coffee' });
    expect(created.status).toBe(201);
    const sent = await tenant.api.post('/v1/distribution/send-pass-sms', { member_id: 'WH-PASS', phone_number: PHONE });
    expect(sent.status).toBe(201);
    const sms = await twilio.waitForMessage((m) => m.body === sent.body.data.body, 15_000);
    await waitFor('the message to carry its Twilio SID', async () => ((await tenant.api.get(`/v1/distribution/messages/${sent.body.data.message_id}`)).body.data?.provider_message_id ? true : undefined));
    expect((await twilio.sendStatusCallback(sms.sid, 'sent')).statusCode).toBe(204);
    expect((await fleet.api.get(new URL(sent.body.data.short_url).pathname)).status).toBe(302);

    const wanted = ['link.clicked', 'pass.created', 'sms.sent'];
    let types: string[] = [];
    await waitFor('pass, SMS and link events at /pass-sms', () => {
      types = [...new Set(receiver.payloads('/pass-sms').map((p) => p.type))].sort();
      return wanted.every((type) => types.includes(type)) ? true : undefined;
    }, 30_000).catch(() => undefined);
    expect(types).toEqual(expect.arrayContaining(wanted));

    const verifier = new StandardWebhook(hook.secret);
    for (const delivery of receiver.at('/pass-sms')) {
      const payload = verifier.verify(delivery.body, webhookHeaders(delivery)) as any;
      expect(payload.tenant_id).toBe(tenant.tenantId);
      expect(payload.type).toMatch(/^(pass\.|sms\.|link\.clicked$)/);
    }
    const passCreated = receiver.payloads('/pass-sms').find((p) => p.type === 'pass.created' && p.data.pass_id === created.body.data.pass_id);
    expect(passCreated?.data).toMatchObject({ member_id: 'WH-PASS', pass_type: 'apple', channel: 'api' });
    const smsSent = receiver.payloads('/pass-sms').find((p) => p.type === 'sms.sent');
    expect(smsSent?.data).toMatchObject({ message_id: sent.body.data.message_id, member_id: 'WH-PASS', to: '+1******0123' });
    // The payloads carry no personal data: the full number never leaves.
    expect(receiver.at('/pass-sms').some((d) => d.body.includes(PHONE))).toBe(false);
    const tampered = receiver.at('/pass-sms')[0];
    expect(() => verifier.verify(tampered.body.replace('"type":"', '"type":"x'), webhookHeaders(tampered))).toThrow();
  });

  test('a receiver answering 500 twice then 200 gets three attempts with one webhook-id, all recorded', async () => {
    const flaky = await register('/flaky', ['member.points_changed']);
    receiver.script('/flaky', [500, 500]);
    await registerMember(tenant.api, 'WH-RETRY');
    expect((await changePoints(tenant.api, 'WH-RETRY', { points: 5, operation: 'add' })).status).toBe(200);

    const records = await waitFor('three recorded attempts', async () => {
      const list = await deliveries(flaky.id);
      return list.length >= 3 ? list : undefined;
    }, 30_000);
    const attempts = [...records].sort((a, b) => a.attempt - b.attempt);
    expect(attempts.map((d) => [d.attempt, d.status_code, d.success])).toEqual([
      [1, 500, false],
      [2, 500, false],
      [3, 200, true],
    ]);
    expect(new Set(attempts.map((d) => d.event_id)).size).toBe(1);
    expect(attempts[0].error).toBe('receiver answered 500');

    const hits = receiver.at('/flaky');
    expect(hits).toHaveLength(3);
    expect(new Set(hits.map((h) => h.headers['webhook-id']))).toEqual(new Set([attempts[0].event_id]));
    // The body is the same bytes each time; each attempt is signed with its own timestamp.
    expect(new Set(hits.map((h) => h.body)).size).toBe(1);
    const verifier = new StandardWebhook(flaky.secret);
    for (const hit of hits) expect(verifier.verify(hit.body, webhookHeaders(hit))).toMatchObject({ id: attempts[0].event_id, type: 'member.points_changed' });
    // Backoff between attempts: the schedule's 300 ms and 600 ms, less at most 10% jitter.
    expect(hits[1].at - hits[0].at).toBeGreaterThanOrEqual(270);
    expect(hits[2].at - hits[1].at).toBeGreaterThanOrEqual(540);
  });

  test('a 302 to the metadata address is a failed attempt and is not followed', async () => {
    const redirect = await register('/redirect', ['member.points_changed']);
    const toMetadata = { status: 302, headers: { location: 'http://169.254.169.254/latest/meta-data/' } };
    receiver.script('/redirect', [toMetadata, toMetadata, toMetadata]);
    await registerMember(tenant.api, 'WH-302');
    expect((await changePoints(tenant.api, 'WH-302', { points: 5, operation: 'add' })).status).toBe(200);

    const records = await waitFor('every attempt used up', async () => {
      const list = await deliveries(redirect.id);
      return list.length >= 3 ? list : undefined;
    }, 30_000);
    expect(records.map((d) => [d.status_code, d.success, d.error])).toEqual(Array(3).fill([302, false, 'redirect not followed (302)']));
    // Each attempt went to the registered URL, never to the Location it was given.
    expect(receiver.at('/redirect')).toHaveLength(3);
    expect(receiver.received.filter((r) => r.path.startsWith('/latest'))).toEqual([]);
  });

  test('a 410 disables the endpoint: no retry, nothing more is sent to it', async () => {
    const gone = await register('/gone', ['member.points_changed']);
    receiver.script('/gone', [410]);
    await registerMember(tenant.api, 'WH-410');
    expect((await changePoints(tenant.api, 'WH-410', { points: 5, operation: 'add', transaction_reference: 'gone-1' })).status).toBe(200);

    await waitFor('the endpoint to be disabled', async () => ((await tenant.api.get(`/v1/webhooks/${gone.id}`)).body.data.status === 'disabled' ? true : undefined), 30_000);
    expect((await tenant.api.get(`/v1/webhooks/${gone.id}`)).body.data.disabled_reason).toMatch(/410/);

    // The next event reaches the catch-all endpoint, but not the disabled one.
    const all = await register('/after-gone', ['member.points_changed']);
    expect((await changePoints(tenant.api, 'WH-410', { points: 5, operation: 'add', transaction_reference: 'gone-2' })).status).toBe(200);
    await waitFor('the next event elsewhere', () => (receiver.payloads('/after-gone').some((p) => p.data.transaction_reference === 'gone-2') ? true : undefined), 30_000);
    expect((await deliveries(all.id)).length).toBeGreaterThanOrEqual(1);
    expect(receiver.at('/gone')).toHaveLength(1);
    expect((await deliveries(gone.id)).map((d) => [d.attempt, d.status_code, d.success])).toEqual([[1, 410, false]]);
  });

  test("test-send delivers a signed webhook.test event and never echoes the receiver's body", async () => {
    const hook = await register('/test-send', ['pass.created']);
    receiver.script('/test-send', [{ status: 200, body: 'INTERNAL-ONLY: aws_secret_access_key=abc' }]);
    const response = await tenant.api.post(`/v1/webhooks/${hook.id}/test`);
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual({
      id: expect.stringMatching(UUID),
      event_id: expect.stringMatching(UUID),
      event_type: 'webhook.test',
      attempt: 1,
      status_code: 200,
      success: true,
      error: null,
      created_at: expect.any(String),
    });
    expect(response.text).not.toContain('INTERNAL-ONLY');
    expect((await tenant.api.get(`/v1/webhooks/${hook.id}/deliveries`)).text).not.toContain('INTERNAL-ONLY');
    const [hit] = receiver.at('/test-send');
    expect(new StandardWebhook(hook.secret).verify(hit.body, webhookHeaders(hit))).toMatchObject({ id: response.body.data.event_id, type: 'webhook.test', tenant_id: tenant.tenantId });

    // A failing receiver is reported by status, still without its body.
    receiver.script('/test-send', [{ status: 500, body: 'INTERNAL-ONLY stack trace' }]);
    const failed = await tenant.api.post(`/v1/webhooks/${hook.id}/test`);
    expect(failed.body.data).toMatchObject({ status_code: 500, success: false, error: 'receiver answered 500' });
    expect(failed.text).not.toContain('INTERNAL-ONLY');
  });

  test('with the loopback switch on, private, metadata and non-http destinations are still refused', async () => {
    for (const url of ['http://169.254.169.254/latest/meta-data/', 'http://10.0.0.1/hook', 'http://192.168.1.1/', 'http://[fd00::1]/', 'http://100.64.0.1/', 'file:///etc/passwd', 'gopher://127.0.0.1:6379/_INFO']) {
      const response = await tenant.api.post('/v1/webhooks', { url, events: ['*'] });
      expectError(response, 400);
      expect({ url, fields: fieldsOf(response) }).toEqual({ url, fields: ['url'] });
    }
  });

  test('deleting an endpoint removes it and its records', async () => {
    const hook = await register('/deleted', ['*']);
    const response = await tenant.api.delete(`/v1/webhooks/${hook.id}`);
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual({ id: hook.id, deleted_at: expect.any(String) });
    expectError(await tenant.api.get(`/v1/webhooks/${hook.id}`), 404);
    expectError(await tenant.api.get(`/v1/webhooks/${hook.id}/deliveries`), 404);
    expect((await listAll(tenant.api, '/v1/webhooks')).map((w) => w.id)).not.toContain(hook.id);
  });
});
