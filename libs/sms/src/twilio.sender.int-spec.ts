import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeTwilioServer } from './testing/fake-twilio.server';
import { SmsSendError } from './sms-send.error';
import { TwilioSender } from './twilio.sender';
import { validateTwilioSignature } from './twilio-signature.validator';

const ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';
const AUTH_TOKEN = 'f0e1d2c3b4a5968778695a4b3c2d1e0f';
const FROM = '+15005550006';
const TO = '+14155552671';

interface ReceivedCallback {
  url: string;
  signature: string | undefined;
  params: Record<string, string>;
  valid: boolean;
}

/** Stands in for the notification service's POST /v1/twilio/status: it answers 403 to forgeries. */
async function startCallbackReceiver(): Promise<{ url: string; received: ReceivedCallback[]; close: () => Promise<void> }> {
  const received: ReceivedCallback[] = [];
  let base = '';
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const params = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
      const header = req.headers['x-twilio-signature'];
      const signature = Array.isArray(header) ? header[0] : header;
      const url = `${base}${req.url ?? ''}`;
      const valid = validateTwilioSignature({ authToken: AUTH_TOKEN, signature, url, params });
      received.push({ url, signature, params, valid });
      res.writeHead(valid ? 204 : 403).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${base}/v1/twilio/status`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('TwilioSender against FakeTwilioServer (real twilio SDK over HTTP)', () => {
  let fake: FakeTwilioServer;
  let receiver: Awaited<ReturnType<typeof startCallbackReceiver>>;

  beforeAll(async () => {
    fake = await FakeTwilioServer.start([{ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN }]);
    receiver = await startCallbackReceiver();
  });

  afterAll(async () => {
    await fake.close();
    await receiver.close();
  });

  const sender = (overrides: Partial<ConstructorParameters<typeof TwilioSender>[0]> = {}): TwilioSender =>
    new TwilioSender({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, from: FROM, apiUrl: fake.url, ...overrides });

  it('sends through the SDK with Basic auth and the form fields Twilio expects', async () => {
    const body = 'Acme: Hi John, your loyalty card is ready. Add it to your wallet: https://w.example/s/abc';
    const result = await sender().send({ to: TO, body, statusCallback: receiver.url });

    expect(result.sid).toMatch(/^SM[0-9a-f]{32}$/);
    expect(result.status).toBe('queued');
    const message = await fake.waitForMessage((m) => m.sid === result.sid, 2_000);
    expect(message).toMatchObject({ to: TO, from: FROM, body, statusCallback: receiver.url, accountSid: ACCOUNT_SID });
    const call = fake.calls.find((c) => c.params.Body === body);
    expect(call).toMatchObject({
      accountSid: ACCOUNT_SID,
      authHeaderValid: true,
      params: { To: TO, From: FROM, Body: body, StatusCallback: receiver.url },
    });
  });

  it('keeps non-ASCII bodies intact on the wire', async () => {
    const body = 'Café Ünïcode ✓ 日本';
    const result = await sender().send({ to: TO, body });
    const message = await fake.waitForMessage((m) => m.sid === result.sid, 2_000);
    expect(message.body).toBe(body);
    expect(message.statusCallback).toBeNull();
  });

  it('uses MessagingServiceSid when "from" is a Messaging Service', async () => {
    const result = await sender({ from: 'MG0123456789abcdef0123456789abcdef' }).send({ to: TO, body: 'hello' });
    expect(result.status).toBe('accepted');
    const message = await fake.waitForMessage((m) => m.sid === result.sid, 2_000);
    expect(message).toMatchObject({ from: null, messagingServiceSid: 'MG0123456789abcdef0123456789abcdef' });
  });

  it('delivers signed status callbacks that validate, and forged ones that do not', async () => {
    const { sid } = await sender().send({ to: TO, body: 'status test', statusCallback: receiver.url });

    const delivered = await fake.sendStatusCallback(sid, 'delivered');
    expect(delivered.statusCode).toBe(204);
    expect(delivered.params).toMatchObject({ MessageSid: sid, MessageStatus: 'delivered', AccountSid: ACCOUNT_SID, To: TO, From: FROM });

    const failed = await fake.sendStatusCallback(sid, 'undelivered', { extraParams: { RawDlrDoneDate: '2601091030' } });
    expect(failed.statusCode).toBe(204);
    expect(failed.params).toMatchObject({ MessageStatus: 'undelivered', ErrorCode: '30003', RawDlrDoneDate: '2601091030' });

    const forged = await fake.sendForgedStatusCallback(sid, 'delivered');
    expect(forged.statusCode).toBe(403);

    const forMessage = receiver.received.filter((r) => r.params.MessageSid === sid);
    expect(forMessage.map((r) => [r.params.MessageStatus, r.valid])).toEqual([
      ['delivered', true],
      ['undelivered', true],
      ['delivered', false],
    ]);
  });

  it('maps a wrong auth token to a non-retryable SmsSendError without leaking the token', async () => {
    const wrongToken = 'ffffffffffffffffffffffffffffffff';
    const error = await sender({ authToken: wrongToken }).send({ to: TO, body: 'x' }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(SmsSendError);
    expect(error).toMatchObject({ status: 401, code: 20003, retryable: false });
    expect(String((error as SmsSendError).message)).not.toContain(wrongToken);
    expect(fake.calls.at(-1)).toMatchObject({ accountSid: ACCOUNT_SID, authHeaderValid: false });
  });

  it('maps an account the fake does not know to a 401 SmsSendError', async () => {
    const error = await sender({ accountSid: 'ACffffffffffffffffffffffffffffffff' }).send({ to: TO, body: 'x' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'SmsSendError', status: 401, code: 20003, retryable: false });
  });

  it.each([
    ['an empty auth token', { authToken: '' }],
    ['an empty account SID', { accountSid: '' }],
    ['a SID that is not an account SID', { accountSid: 'SK0123456789abcdef0123456789abcdef' }],
  ])('refuses to send with %s, without calling Twilio', async (_label, overrides) => {
    const callsBefore = fake.calls.length;
    const error = await sender(overrides).send({ to: TO, body: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SmsSendError);
    expect(error).toMatchObject({ status: null, retryable: false });
    expect(fake.calls.length).toBe(callsBefore);
  });

  it("maps Twilio's validation errors (invalid To) to a non-retryable SmsSendError with Twilio's code", async () => {
    const error = await sender().send({ to: '+1', body: 'x' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400, code: 21211, retryable: false });
    expect((error as SmsSendError).message).toContain("Invalid 'To' Phone Number");
  });

  it('marks rate limits and Twilio outages as retryable', async () => {
    fake.failNext({ status: 429, code: 20429, message: 'Too Many Requests' });
    fake.failNext({ status: 503, code: 20503, message: 'Service Unavailable' });
    fake.failNext({ status: 400, code: 21610, message: 'Attempt to send to unsubscribed recipient' });
    const outcomes = [];
    for (let i = 0; i < 3; i++) outcomes.push(await sender().send({ to: TO, body: 'x' }).catch((e: unknown) => e));
    expect(outcomes).toEqual([
      expect.objectContaining({ status: 429, code: 20429, retryable: true }),
      expect.objectContaining({ status: 503, code: 20503, retryable: true }),
      expect.objectContaining({ status: 400, code: 21610, retryable: false }),
    ]);
  });

  it('maps an unreachable Twilio endpoint to a retryable SmsSendError', async () => {
    const closed = await FakeTwilioServer.start();
    const url = closed.url;
    await closed.close();
    const error = await sender({ apiUrl: url }).send({ to: TO, body: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SmsSendError);
    expect(error).toMatchObject({ status: null, code: null, retryable: true });
    expect((error as SmsSendError).message).toContain('ECONNREFUSED');
    expect((error as SmsSendError).message).not.toContain(AUTH_TOKEN);
  });
});
