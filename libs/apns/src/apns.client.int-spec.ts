import { generateKeyPairSync } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { ApnsClient, type ApnsCredentials } from './index';
import {
  FakeApnsServer,
  ensureTestCa,
  issuePassCertificate,
  testCaFromEnvironment,
  type IssuedCertificate,
  type TestCaKeyPair,
} from './testing';

// Run with the test CA trusted, e.g.
//   node libs/apns/scripts/ensure-test-ca.cjs .local/test-ca
//   NODE_EXTRA_CA_CERTS=$PWD/.local/test-ca/ca.pem npx jest libs/apns
// testCaFromEnvironment() explains the same when the variable is missing.

const TOPIC = 'pass.com.example.test';
const OTHER_TOPIC = 'pass.com.example.other';
const TOKEN_A = 'a1'.repeat(32);
const TOKEN_B = 'b2'.repeat(32);

function credentials(cert: IssuedCertificate): ApnsCredentials {
  return { certificatePem: cert.certificatePem, privateKeyPem: cert.privateKeyPem };
}

describe('ApnsClient against the fake APNs', () => {
  let ca: TestCaKeyPair;
  let passCert: IssuedCertificate;
  let otherCert: IssuedCertificate;
  let fake: FakeApnsServer;
  let client: ApnsClient;

  beforeAll(() => {
    ca = testCaFromEnvironment();
    passCert = issuePassCertificate(ca, { passTypeIdentifier: TOPIC });
    otherCert = issuePassCertificate(ca, { passTypeIdentifier: OTHER_TOPIC });
  });

  beforeEach(async () => {
    fake = await FakeApnsServer.start({ ca });
    client = new ApnsClient({ url: fake.url });
  });

  afterEach(async () => {
    await client?.close();
    await fake?.stop();
  });

  const pushA = () => client.push({ deviceToken: TOKEN_A, topic: TOPIC, credentials: credentials(passCert) });

  it('delivers an empty payload for the pass type topic over mutual TLS with the pass certificate', async () => {
    const result = await pushA();

    const push = await fake.waitForPush((p) => p.token === TOKEN_A);
    expect(result).toEqual({ status: 200, outcome: 'delivered', apnsId: push.response.apnsId });
    expect(push.topic).toBe(TOPIC);
    expect(push.headers[':method']).toBe('POST');
    expect(push.headers[':path']).toBe(`/3/device/${TOKEN_A}`);
    expect(push.rawBody).toBe('{}');
    expect(push.payload).toEqual({});
    expect(push.headers['apns-push-type']).toBe('alert');
    expect(push.clientCertFingerprint256).toBe(passCert.fingerprint256);
    expect(push.clientCertSubject?.UID).toBe(TOPIC);
  });

  it('sends pushes signed with the same certificate over one HTTP/2 connection', async () => {
    await pushA();
    await client.push({ deviceToken: TOKEN_B, topic: TOPIC, credentials: credentials(passCert) });
    await Promise.all([pushA(), pushA(), pushA()]);

    expect(fake.pushes).toHaveLength(5);
    expect(new Set(fake.pushes.map((p) => p.connectionId)).size).toBe(1);
    expect(fake.connections).toHaveLength(1);
  });

  it('opens a separate connection for another pass certificate', async () => {
    await pushA();
    const other = await client.push({ deviceToken: TOKEN_B, topic: OTHER_TOPIC, credentials: credentials(otherCert) });

    expect(other.outcome).toBe('delivered');
    expect(fake.connections.map((c) => c.clientCertFingerprint256)).toEqual([passCert.fingerprint256, otherCert.fingerprint256]);
    const otherPush = await fake.waitForPush((p) => p.token === TOKEN_B);
    expect(otherPush.clientCertSubject?.UID).toBe(OTHER_TOPIC);
  });

  it('reports 410 Unregistered as unregistered', async () => {
    fake.respondWith(TOKEN_A, { status: 410, reason: 'Unregistered' });

    const result = await pushA();

    expect(result).toMatchObject({ status: 410, reason: 'Unregistered', outcome: 'unregistered' });
    expect(result.apnsId).toEqual(expect.any(String));
  });

  it('reports 400 BadDeviceToken as bad-token', async () => {
    fake.respondWith(TOKEN_A, { status: 400, reason: 'BadDeviceToken' });

    expect(await pushA()).toMatchObject({ status: 400, reason: 'BadDeviceToken', outcome: 'bad-token' });
  });

  it('reports 503 and 429 as retry, and delivers once APNs recovers', async () => {
    fake.respondWithSequence(TOKEN_A, [
      { status: 503, reason: 'ServiceUnavailable' },
      { status: 429, reason: 'TooManyRequests' },
    ]);

    expect(await pushA()).toMatchObject({ status: 503, reason: 'ServiceUnavailable', outcome: 'retry' });
    expect(await pushA()).toMatchObject({ status: 429, reason: 'TooManyRequests', outcome: 'retry' });
    expect(await pushA()).toMatchObject({ status: 200, outcome: 'delivered' });
  });

  it('reports other client errors as failed with the APNs reason', async () => {
    fake.respondWith(TOKEN_A, { status: 403, reason: 'BadCertificate' });

    expect(await pushA()).toMatchObject({ status: 403, reason: 'BadCertificate', outcome: 'failed' });
  });

  it('fails a push whose topic is not the certificate’s pass type id', async () => {
    const result = await client.push({ deviceToken: TOKEN_A, topic: OTHER_TOPIC, credentials: credentials(passCert) });

    expect(result).toMatchObject({ status: 400, reason: 'TopicDisallowed', outcome: 'failed' });
  });

  it('reconnects after APNs restarts and delivers the next push', async () => {
    await pushA();
    await fake.restart();

    const result = await pushA();

    expect(result.outcome).toBe('delivered');
    expect(fake.connections).toHaveLength(2);
    expect(fake.pushes.map((p) => p.connectionId)).toEqual([1, 2]);
  });

  it('reconnects after the connection is cut without GOAWAY', async () => {
    await pushA();
    fake.dropConnections();
    await fake.waitForOpenConnections(0);

    expect((await pushA()).outcome).toBe('delivered');
    expect(fake.connections).toHaveLength(2);
  });

  it('retries once on a fresh connection when a reused one dies under a push', async () => {
    await pushA();
    fake.respondWithSequence(TOKEN_A, [{ dropConnection: true }]);

    const result = await pushA();

    expect(result.outcome).toBe('delivered');
    expect(fake.pushes.map((p) => p.connectionId)).toEqual([1, 1, 2]);
  });

  it('reports a connection lost on a fresh connection as retry without retrying by itself', async () => {
    fake.respondWithSequence(TOKEN_A, [{ dropConnection: true }]);

    const result = await pushA();

    expect(result).toMatchObject({ status: 0, outcome: 'retry', reason: 'NetworkError' });
    expect(fake.pushes).toHaveLength(1);
  });

  it('reports an unreachable APNs as retry', async () => {
    await fake.stop();

    expect(await pushA()).toMatchObject({ status: 0, outcome: 'retry', reason: 'NetworkError', detail: 'ECONNREFUSED' });
  });

  it('gives up on an unanswered push after the request timeout and recovers on a new connection', async () => {
    await client.close();
    client = new ApnsClient({ url: fake.url, requestTimeoutMs: 300 });
    fake.respondWithSequence(TOKEN_A, [{ hang: true }]);

    expect(await pushA()).toMatchObject({ status: 0, outcome: 'retry', reason: 'Timeout' });
    expect(await pushA()).toMatchObject({ status: 200, outcome: 'delivered' });
    expect(fake.connections).toHaveLength(2);
  });

  it('closes a session that stayed idle and opens a new one for the next push', async () => {
    await client.close();
    client = new ApnsClient({ url: fake.url, idleSessionMs: 50 });

    await pushA();
    await fake.waitForOpenConnections(0);
    expect((await pushA()).outcome).toBe('delivered');
    expect(fake.connections).toHaveLength(2);
  });

  it('closes every session on close() and refuses further pushes', async () => {
    await pushA();
    await client.push({ deviceToken: TOKEN_B, topic: OTHER_TOPIC, credentials: credentials(otherCert) });
    expect(fake.openConnectionCount).toBe(2);

    await client.close();

    await fake.waitForOpenConnections(0);
    await expect(pushA()).rejects.toThrow('ApnsClient is closed');
  });

  it('rejects a malformed token locally, without contacting APNs', async () => {
    const result = await client.push({ deviceToken: '../admin', topic: TOPIC, credentials: credentials(passCert) });

    expect(result).toMatchObject({ status: 0, outcome: 'bad-token', reason: 'BadDeviceToken' });
    expect(fake.connections).toHaveLength(0);
  });

  it('fails on unusable credentials without echoing the key', async () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const mismatched = {
      certificatePem: passCert.certificatePem,
      privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    };

    const garbled = { certificatePem: passCert.certificatePem, privateKeyPem: passCert.privateKeyPem.slice(0, 200) };

    const results = [
      await client.push({ deviceToken: TOKEN_A, topic: TOPIC, credentials: mismatched }),
      await client.push({ deviceToken: TOKEN_A, topic: TOPIC, credentials: garbled }),
    ];

    expect(results).toEqual([
      { status: 0, outcome: 'failed', reason: 'InvalidCredentials', detail: 'KEY_DOES_NOT_MATCH_CERTIFICATE' },
      { status: 0, outcome: 'failed', reason: 'InvalidCredentials', detail: expect.any(String) },
    ]);
    expect(JSON.stringify(results)).not.toContain(passCert.privateKeyPem.slice(40, 80));
    expect(fake.connections).toHaveLength(0);
  });

  it('refuses a server whose certificate this process does not trust', async () => {
    // A CA of its own that NODE_EXTRA_CA_CERTS does not name (kept between runs: keys are slow to make).
    const untrusted = await FakeApnsServer.start({ ca: ensureTestCa(path.join(os.tmpdir(), 'wp-apns-untrusted-test-ca')) });
    const untrustedClient = new ApnsClient({ url: untrusted.url });
    try {
      const result = await untrustedClient.push({ deviceToken: TOKEN_A, topic: TOPIC, credentials: credentials(passCert) });

      expect(result).toMatchObject({ status: 0, outcome: 'failed', reason: 'TlsError' });
      expect(untrusted.pushes).toHaveLength(0);
    } finally {
      await untrustedClient.close();
      await untrusted.stop();
    }
  });
});
