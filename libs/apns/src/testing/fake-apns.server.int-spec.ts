import http2 from 'node:http2';
import { FakeApnsServer, issuePassCertificate, testCaFromEnvironment, type IssuedCertificate } from './index';

// Speaks to the fake with a bare HTTP/2 client, to pin the protocol behaviour other
// services' tests rely on. Needs NODE_EXTRA_CA_CERTS like every spec using the fake.

const TOPIC = 'pass.com.example.test';
const TOKEN = 'c3'.repeat(32);

interface RawAnswer {
  status: number;
  headers: http2.IncomingHttpHeaders;
  body: string;
}

interface RawRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
}

function rawRequest(
  url: string,
  options: RawRequest & { cert?: IssuedCertificate },
): Promise<RawAnswer> {
  const client = http2.connect(
    url,
    options.cert ? { cert: options.cert.certificatePem, key: options.cert.privateKeyPem } : {},
  );
  return new Promise<RawAnswer>((resolve, reject) => {
    client.on('error', reject);
    const stream = client.request(
      { ':method': options.method ?? 'POST', ':path': options.path ?? `/3/device/${TOKEN}`, ...options.headers },
      { endStream: false },
    );
    let status = 0;
    let headers: http2.IncomingHttpHeaders = {};
    const chunks: Buffer[] = [];
    stream.on('response', (h) => {
      headers = h;
      status = Number(h[':status']);
    });
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve({ status, headers, body: Buffer.concat(chunks).toString('utf8') }));
    stream.on('error', reject);
    stream.end(options.body ?? '{}');
  }).finally(() => client.close());
}

describe('FakeApnsServer', () => {
  let fake: FakeApnsServer;
  let cert: IssuedCertificate;

  beforeAll(() => {
    cert = issuePassCertificate(testCaFromEnvironment(), { passTypeIdentifier: TOPIC });
  });

  beforeEach(async () => {
    fake = await FakeApnsServer.start();
  });

  afterEach(async () => {
    await fake?.stop();
  });

  const withTopic = { 'apns-topic': TOPIC };

  it('accepts a well-formed push, echoing the apns-id it was given', async () => {
    const apnsId = '123e4567-e89b-12d3-a456-426614174000';

    const answer = await rawRequest(fake.url, { cert, headers: { ...withTopic, 'apns-id': apnsId } });

    expect(answer).toMatchObject({ status: 200, body: '' });
    expect(answer.headers['apns-id']).toBe(apnsId);
    const push = await fake.waitForPush();
    expect(push).toMatchObject({ token: TOKEN, topic: TOPIC, payload: {}, clientCertFingerprint256: cert.fingerprint256 });
  });

  it('rejects a push without a client certificate', async () => {
    const answer = await rawRequest(fake.url, { headers: withTopic });

    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.body)).toEqual({ reason: 'MissingProviderToken' });
  });

  it.each<[string, RawRequest, number, string]>([
    ['no apns-topic', {}, 400, 'MissingTopic'],
    ['a topic the certificate is not for', { headers: { 'apns-topic': 'pass.com.example.other' } }, 400, 'TopicDisallowed'],
    ['a GET', { headers: withTopic, method: 'GET', body: '' }, 405, 'MethodNotAllowed'],
    ['another path', { headers: withTopic, path: '/3/devices' }, 404, 'BadPath'],
    ['an empty token', { headers: withTopic, path: '/3/device/' }, 400, 'MissingDeviceToken'],
    ['a malformed token', { headers: withTopic, path: '/3/device/xyz' }, 400, 'BadDeviceToken'],
    ['an unknown push type', { headers: { ...withTopic, 'apns-push-type': 'pass' } }, 400, 'InvalidPushType'],
    ['a bad priority', { headers: { ...withTopic, 'apns-priority': '7' } }, 400, 'BadPriority'],
    ['an empty body', { headers: withTopic, body: '' }, 400, 'PayloadEmpty'],
    ['a body that is not a JSON object', { headers: withTopic, body: '[]' }, 400, 'BadPayload'],
    ['a body over 4 KB', { headers: withTopic, body: JSON.stringify({ x: 'y'.repeat(4100) }) }, 413, 'PayloadTooLarge'],
  ])('rejects %s like APNs', async (_label, request, status, reason) => {
    const answer = await rawRequest(fake.url, { ...request, cert });

    expect(answer.status).toBe(status);
    expect(JSON.parse(answer.body)).toEqual({ reason });
    expect(answer.headers['apns-id']).toEqual(expect.any(String));
  });

  it('answers 410 with the time the token became invalid, as APNs does', async () => {
    fake.respondWith(TOKEN, { status: 410, reason: 'Unregistered' });

    const answer = await rawRequest(fake.url, { cert, headers: withTopic });

    expect(answer.status).toBe(410);
    expect(JSON.parse(answer.body)).toEqual({ reason: 'Unregistered', timestamp: expect.any(Number) });
  });

  it('plays a scripted sequence, then falls back to the standing answer', async () => {
    fake.respondWith(TOKEN, { status: 410, reason: 'Unregistered' });
    fake.respondWithSequence(TOKEN, [{ status: 503, reason: 'ServiceUnavailable' }, { status: 200 }]);

    const statuses: number[] = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await rawRequest(fake.url, { cert, headers: withTopic })).status);

    expect(statuses).toEqual([503, 200, 410]);
    expect(fake.pushes.map((p) => p.response.status)).toEqual([503, 200, 410]);
  });

  it('waits for a push that has not arrived yet, and says what it saw when none matches', async () => {
    const waiting = fake.waitForPush((p) => p.token === TOKEN);
    await rawRequest(fake.url, { cert, headers: withTopic });
    await expect(waiting).resolves.toMatchObject({ token: TOKEN });

    await expect(fake.waitForPush((p) => p.token === 'ff'.repeat(32), 200)).rejects.toThrow(
      `received: [${TOPIC} → ${TOKEN} (200)]`,
    );
  });
});
