import { TestCa, createTestCa, issuePassCertificate } from '@wp/pkpass/testing';
import { Admin, Fleet, TenantFixture, bootstrapAdmin, onboardTenant, waitFor } from '@wp/testing';
import { FakeIPhone } from '../live-updates/fake-iphone';
import { openPass } from '../pass-content/pass-content.helpers';
import { WebhookReceiver } from '../webhooks/webhook-receiver';
import { SmtpInbox } from './smtp-inbox';

const PASS_TYPE = 'pass.com.example.email';
const TEAM = 'EMAIL12345';
const SMTP_USER = 'walletpass';
const SMTP_PASSWORD = 'p@ss word!';
const REFUSED = 'bounce@example.com';
const RATE_PER_MIN = 4;

/**
 * E-mail delivery (spec/API.md §8.7) end to end, against a local SMTP server (smtp-server)
 * that the fleet's nodemailer reaches through SMTP_URL with credentials: the message arrives
 * with the short link to the hosted page and, for an Apple pass, the signed .pkpass attached
 * (verified with `openssl cms -verify`); the dry run shows the exact message and sends
 * nothing; sends emit email.sent / email.failed to webhooks; an install from the attachment
 * counts under channel `email`; each tenant is rate-limited; foreign passes are 404.
 */
describe('send-pass-email', () => {
  let inbox: SmtpInbox;
  let receiver: WebhookReceiver;
  let fleet: Fleet;
  let admin: Admin;
  let tenant: TenantFixture;
  let ca: TestCa;

  beforeAll(async () => {
    inbox = await SmtpInbox.start({ user: SMTP_USER, password: SMTP_PASSWORD, refuse: [REFUSED] });
    receiver = await WebhookReceiver.start();
    fleet = await Fleet.start({
      env: { SMTP_URL: inbox.url(SMTP_USER, SMTP_PASSWORD), EMAIL_SEND_RATE_PER_MIN: String(RATE_PER_MIN), WEBHOOK_ALLOW_LOOPBACK: '1' },
    });
    admin = await bootstrapAdmin(fleet);
    ca = createTestCa('Email Test CA');
    tenant = await onboardTenant(fleet, admin, 'Mail & Co');
    const certificate = issuePassCertificate(ca, { passTypeIdentifier: PASS_TYPE, teamIdentifier: TEAM });
    const apple = await tenant.api.put('/v1/tenant/apple', {
      pass_type_identifier: PASS_TYPE,
      team_identifier: TEAM,
      certificate_pem: certificate.certificatePem,
      private_key_pem: certificate.privateKeyPem,
    });
    expect(apple.status).toBe(200);
    expect((await tenant.api.post('/v1/webhooks', { url: receiver.url('/email'), events: ['email.*'] })).status).toBe(201);
    expect((await tenant.api.post('/v1/members/register', { member_id: 'M-1', member_name: 'Ada Lovelace', member_email: 'ada@example.com' })).status).toBe(201);
  });
  afterAll(async () => {
    await fleet?.stop();
    await receiver?.close();
    await inbox?.close();
  });

  test('a dry run returns the exact message and sends nothing', async () => {
    const response = await tenant.api.post('/v1/distribution/send-pass-email?dry_run=1', { member_id: 'M-1', email: 'ada@example.com' });
    expect(response.status).toBe(201);
    const data = response.body.data;
    expect(data).toMatchObject({
      status: 'dry_run',
      dry_run: true,
      to: 'ada@example.com',
      subject: 'Your Mail & Co card',
      attachments: [`pass-${data.pass_id}.pkpass`],
      error: null,
    });
    expect(data.link).toMatch(/\/s\/[0-9A-Za-z_-]+$/);
    expect(data.text).toContain(data.link);
    expect(data.text).toContain('Hi Ada,');
    expect(inbox.mails).toHaveLength(0);
  });

  test('the SMTP server receives the message with the link and the signed .pkpass attached; the link leads to the page via email', async () => {
    const response = await tenant.api.post('/v1/distribution/send-pass-email', { member_id: 'M-1', email: 'ada@example.com', subject: 'Your card is here' });
    expect(response.status).toBe(201);
    const sent = response.body.data;
    expect(sent).toMatchObject({ status: 'sent', dry_run: false, subject: 'Your card is here', attachments: [`pass-${sent.pass_id}.pkpass`], error: null });

    const mail = await waitFor('the message at the SMTP server', () => inbox.to('ada@example.com')[0]);
    expect(mail.user).toBe(SMTP_USER);
    expect(mail.parsed.subject).toBe('Your card is here');
    expect(mail.parsed.from?.value[0]).toMatchObject({ name: 'Mail & Co' });
    expect(mail.parsed.text).toContain(sent.link);
    expect(mail.parsed.html).toContain(`href="${sent.link}"`);
    expect(mail.parsed.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType }))).toEqual([
      { filename: `pass-${sent.pass_id}.pkpass`, contentType: 'application/vnd.apple.pkpass' },
    ]);
    const pkpass = mail.parsed.attachments[0].content;
    const opened = await openPass(pkpass, ca.certificatePem);
    expect(opened.passJson).toMatchObject({ serialNumber: sent.pass_id, passTypeIdentifier: PASS_TYPE });

    // The short link counts the click and leads to the hosted page, attributed to e-mail.
    const followed = await fleet.api.get(new URL(sent.link).pathname, { redirect: 'manual' });
    expect(followed.status).toBe(302);
    expect(followed.headers.get('location')).toMatch(/\/p\/[0-9A-Za-z]{22}\?via=email$/);
    const page = await fleet.api.get(new URL(followed.headers.get('location') as string).pathname + '?via=email');
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/\/p\/[0-9A-Za-z]{22}\/pass\.pkpass\?via=email/);

    const delivered = await waitFor('email.sent at the webhook', () => receiver.payloads('/email').find((p) => p.type === 'email.sent'));
    expect(delivered.data).toEqual({ message_id: sent.message_id, pass_id: sent.pass_id, member_id: 'M-1', to: 'a***@example.com', short_code: new URL(sent.link).pathname.split('/').pop() });

    // Installing the attached pass counts under channel email.
    const phone = new FakeIPhone();
    expect((await phone.register(phone.add(pkpass, null))).status).toBe(201);
    const totals = await waitFor(
      'the install in insights',
      async () => {
        const counted = (await tenant.api.get('/v1/insights/metrics')).body.data?.totals;
        return counted?.installs_by_channel?.email === 1 ? counted : undefined;
      },
      60_000,
      250,
    );
    expect(totals.installs_by_channel).toMatchObject({ email: 1, sms: 0 });
  });

  test('a refused recipient is recorded as failed and emits email.failed', async () => {
    const response = await tenant.api.post('/v1/distribution/send-pass-email', { member_id: 'M-1', email: REFUSED });
    expect(response.status).toBe(201);
    expect(response.body.data).toMatchObject({ status: 'failed', error: expect.stringContaining('550') });
    const failed = await waitFor('email.failed at the webhook', () => receiver.payloads('/email').find((p) => p.type === 'email.failed'));
    expect(failed.data).toMatchObject({ message_id: response.body.data.message_id, pass_id: response.body.data.pass_id, error: expect.stringContaining('550') });
    expect(inbox.to(REFUSED)).toEqual([]);
  });

  test('bad bodies are 400s, foreign or unknown passes 404, and nothing is sent for them', async () => {
    const before = inbox.mails.length;
    expect((await tenant.api.post('/v1/distribution/send-pass-email', { member_id: 'M-1', email: 'not-an-address' })).status).toBe(400);
    expect((await tenant.api.post('/v1/distribution/send-pass-email', { email: 'ada@example.com' })).status).toBe(400);
    expect((await tenant.api.post('/v1/distribution/send-pass-email', { member_id: 'M-1', pass_id: '3f6c2a7e-8d1b-4c55-9a3e-2b7f1d0c9e41', email: 'ada@example.com' })).status).toBe(400);
    expect((await tenant.api.post('/v1/distribution/send-pass-email', { member_id: 'M-1', email: 'ada@example.com', subject: 'a\r\nBcc: x@example.com' })).status).toBe(400);

    const other = await onboardTenant(fleet, admin);
    expect((await other.api.post('/v1/members/register', { member_id: 'M-9' })).status).toBe(201);
    const foreign = (await other.api.post('/v1/passes/create-from-member', { member_id: 'M-9', pass_type: 'apple', company_name: 'Other' })).body.data;
    expect((await tenant.api.post('/v1/distribution/send-pass-email', { pass_id: foreign.pass_id, email: 'ada@example.com' })).status).toBe(404);
    expect((await tenant.api.post('/v1/distribution/send-pass-email', { member_id: 'NOBODY', email: 'ada@example.com' })).status).toBe(404);
    expect(inbox.mails.length).toBe(before);
  });

  // Last: it spends the tenant's e-mail budget for the minute.
  test('sends beyond the per-tenant rate are 429 with Retry-After; dry runs are not counted', async () => {
    let limited: { status: number; headers: Headers } | undefined;
    for (let i = 0; i < RATE_PER_MIN + 1 && !limited; i++) {
      const response = await tenant.api.post('/v1/distribution/send-pass-email', { member_id: 'M-1', email: `rate${i}@example.com` });
      if (response.status === 429) limited = response;
      else expect(response.status).toBe(201);
    }
    expect(limited?.status).toBe(429);
    expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await tenant.api.post('/v1/distribution/send-pass-email?dry_run=1', { member_id: 'M-1', email: 'ada@example.com' })).status).toBe(201);
  });
});
