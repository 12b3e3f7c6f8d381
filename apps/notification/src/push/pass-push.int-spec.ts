import { FakeApnsServer, IssuedCertificate, issuePassCertificate, testCaFromEnvironment } from '@wp/apns/testing';
import { CallContext, DomainError, DropRegistrationsRequest, PUSH_QUEUES, PassInternalPatterns, PushDevice, PushTargets } from '@wp/contracts';
import { RpcClient } from '@wp/messaging';
import { deleteNamespaceKeys, waitFor } from '@wp/testing';
import { Queue } from 'bullmq';
import { randomBytes, randomUUID } from 'node:crypto';
import pino from 'pino';
import { ApnsSender } from '../apns/apns-sender';
import type { NotificationConfig } from '../config';
import { AndroidPassRelay, AndroidPassUpdate } from './android-pass.relay';
import { PassPushDispatcher } from './pass-push.dispatcher';
import { catchUpJobId, devicePushJobId } from './pass-push.jobs';
import { PassPushQueue } from './pass-push.queue';
import { PassPushWorker } from './pass-push.worker';
import { PassPusher, REGISTRATION_RACE_WINDOW_MS } from './pass-pusher';
import { PushTraceBuffer } from './push-trace.buffer';

// Needs the test CA trusted: NODE_EXTRA_CA_CERTS=$PWD/.local/test-ca/ca.pem (npm test sets it).
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const TOPIC = 'pass.com.example.pushes';
const logger = pino({ level: 'silent' });
const token = () => randomBytes(32).toString('hex');

/** Pass-generation as the push path sees it: push targets per pass, and the registrations to drop. */
class PassGenerationStandIn {
  readonly passes = new Map<string, { tenantId: string; version: number; madeAt: Date; devices: PushDevice[] }>();
  readonly dropped: DropRegistrationsRequest[] = [];
  targetCalls = 0;
  traced = 0;

  constructor(private readonly certificate: IssuedCertificate) {}

  client(): RpcClient {
    const send = async (pattern: string, ctx: CallContext, payload: Record<string, string>): Promise<unknown> => {
      const entry = this.passes.get(payload.pass_id);
      switch (pattern) {
        case PassInternalPatterns.pushTargets: {
          this.targetCalls += 1;
          if (!entry || entry.tenantId !== ctx.tenantId) throw DomainError.notFound('Pass');
          return {
            pass_id: payload.pass_id,
            version: entry.version,
            version_made_at: entry.madeAt.toISOString(),
            topic: TOPIC,
            credentials: { certificate_pem: this.certificate.certificatePem, private_key_pem: this.certificate.privateKeyPem },
            devices: entry.devices,
          } satisfies PushTargets;
        }
        case PassInternalPatterns.recordPush:
          return { recorded: true };
        case PassInternalPatterns.recordPushes:
          this.traced += (payload as unknown as { pushes: unknown[] }).pushes.length;
          return { recorded: (payload as unknown as { pushes: unknown[] }).pushes.length };
        case PassInternalPatterns.dropRegistrations:
          this.dropped.push(payload as unknown as DropRegistrationsRequest);
          return { removed: 1 };
        default:
          throw new Error(`unexpected pattern ${pattern}`);
      }
    };
    return { send } as unknown as RpcClient;
  }
}

class RecordingRelay implements AndroidPassRelay {
  readonly updates: AndroidPassUpdate[] = [];
  async notify(update: AndroidPassUpdate): Promise<void> {
    this.updates.push(update);
  }
}

/**
 * The push path of notification against real Redis (BullMQ) and the HTTP/2 TLS APNs fake:
 * pass.updated → fan-out → one push per device and version, over one session per certificate,
 * retries on APNs' transient answers, clean-up on dead tokens, Android kept off APNs.
 */
describe('pass update pushes (BullMQ + APNs fake)', () => {
  const tenantId = randomUUID();
  let apns: FakeApnsServer;
  let passGeneration: PassGenerationStandIn;
  let relay: RecordingRelay;
  let queue: PassPushQueue;
  let worker: PassPushWorker;
  let sender: ApnsSender;
  let dispatcher: PassPushDispatcher;
  let namespace: string;
  let inspect: Queue;
  let traces: PushTraceBuffer;

  beforeAll(async () => {
    const ca = testCaFromEnvironment();
    apns = await FakeApnsServer.start({ ca });
    passGeneration = new PassGenerationStandIn(issuePassCertificate(ca, { passTypeIdentifier: TOPIC }));
    relay = new RecordingRelay();
    namespace = `pushtest${randomBytes(4).toString('hex')}`;
    const config = { REDIS_URL, WP_NAMESPACE: namespace, APNS_URL: apns.url, APNS_PUSH_CONCURRENCY: 16, APNS_PUSH_ATTEMPTS: 4, UPSTREAM_BREAKER_THRESHOLD: 5, UPSTREAM_BREAKER_HALF_OPEN_MS: 2000 } as NotificationConfig;
    queue = new PassPushQueue(config, logger);
    await queue.onModuleInit();
    sender = new ApnsSender(config);
    traces = new PushTraceBuffer(passGeneration.client(), logger);
    const pusher = new PassPusher(passGeneration.client(), sender, queue, traces, relay, logger);
    worker = new PassPushWorker(pusher, config, logger);
    await worker.onApplicationBootstrap();
    dispatcher = new PassPushDispatcher(queue);
    inspect = new Queue(PUSH_QUEUES.passPush, { connection: { url: REDIS_URL }, prefix: namespace });
  });

  afterAll(async () => {
    await inspect?.close();
    await worker?.onModuleDestroy();
    await queue?.onModuleDestroy();
    await sender?.onApplicationShutdown();
    await apns?.stop();
    await deleteNamespaceKeys(REDIS_URL, namespace);
  });

  function passWith(devices: PushDevice[], version = 2, madeAt = new Date()): string {
    const passId = randomUUID();
    passGeneration.passes.set(passId, { tenantId, version, madeAt, devices });
    return passId;
  }

  const updated = (passId: string, passType: 'apple' | 'google' = 'apple') =>
    dispatcher.dispatch({ id: randomUUID(), type: 'pass.updated', tenantId, occurredAt: new Date().toISOString(), data: { pass_id: passId, pass_type: passType, member_id: 'M-1', status: 'active', cause: 'member' } });

  /** A device registered the pass (pass-generation's pass.installed); resolves once its catch-up job finished. */
  async function installed(passId: string): Promise<void> {
    const eventId = randomUUID();
    await dispatcher.dispatch({ id: eventId, type: 'pass.installed', tenantId, occurredAt: new Date().toISOString(), data: { pass_id: passId, pass_type: 'apple', member_id: 'M-1', channel: 'api' } });
    await waitFor('the catch-up job', async () => ((await inspect.getJobState(catchUpJobId(eventId))) === 'completed' ? true : undefined));
  }

  const apple = (pushToken: string, device = randomBytes(16).toString('hex')): PushDevice => ({ device_library_identifier: device, push_token: pushToken, platform: 'apple' });
  const pushesTo = (pushToken: string) => apns.pushes.filter((push) => push.token === pushToken);

  test('every registered device gets one empty push per version, on the topic, over one session for the certificate', async () => {
    const [a, b] = [token(), token()];
    const passId = passWith([apple(a), apple(b)]);
    const connectionsBefore = apns.connections.length;
    // Two events for the same version (a style change racing a points change): one push each.
    await updated(passId);
    await updated(passId);
    await waitFor('both pushes', () => (pushesTo(a).length === 1 && pushesTo(b).length === 1 ? true : undefined));
    for (const push of [...pushesTo(a), ...pushesTo(b)]) {
      expect(push).toMatchObject({ topic: TOPIC, payload: {}, response: { status: 200 } });
      expect(push.clientCertSubject?.UID).toBe(TOPIC);
    }
    expect(apns.connections.length - connectionsBefore).toBeLessThanOrEqual(1);

    // The next version is pushed again.
    passGeneration.passes.get(passId)!.version = 3;
    await updated(passId);
    await waitFor('the pushes of version 3', () => (pushesTo(a).length === 2 && pushesTo(b).length === 2 ? true : undefined));
    // Version 2 twice (deduplicated) and version 3 once: two pushes per device, no more.
    expect([pushesTo(a).length, pushesTo(b).length]).toEqual([2, 2]);
    // Their apns_push trace steps reach pass-generation gathered, not one call each.
    await waitFor('the trace steps of the four delivered pushes', () => (passGeneration.traced >= 4 ? true : undefined));
  });

  test('a transient APNs answer is retried until the push is delivered', async () => {
    const flaky = token();
    apns.respondWithSequence(flaky, [{ status: 503, reason: 'ServiceUnavailable' }]);
    await updated(passWith([apple(flaky)]));
    const delivered = await waitFor('a delivered push after the 503', () => pushesTo(flaky).find((push) => push.response.status === 200), 15_000);
    expect(pushesTo(flaky).map((push) => push.response.status)).toEqual([503, 200]);
    expect(delivered.topic).toBe(TOPIC);
  });

  test('410 Unregistered and 400 BadDeviceToken drop the registrations that use the token, without retrying', async () => {
    const [gone, bad] = [token(), token()];
    apns.respondWith(gone, { status: 410, reason: 'Unregistered' });
    apns.respondWith(bad, { status: 400, reason: 'BadDeviceToken' });
    await updated(passWith([apple(gone), apple(bad)]));
    await waitFor('both tokens dropped', () => (passGeneration.dropped.length >= 2 ? true : undefined), 15_000);
    expect(passGeneration.dropped).toEqual(
      expect.arrayContaining([
        { push_token: gone, topic: TOPIC, reason: 'unregistered' },
        { push_token: bad, topic: TOPIC, reason: 'bad_token' },
      ]),
    );
    expect(pushesTo(gone)).toHaveLength(1);
    expect(pushesTo(bad)).toHaveLength(1);
  });

  test('Android registrations go to the Android relay, never to APNs', async () => {
    const iphone = token();
    const passId = passWith([apple(iphone), { device_library_identifier: 'android-1', push_token: 'fcm:android-token', platform: 'android' }]);
    await updated(passId);
    await waitFor('the relay call and the iPhone push', () => (relay.updates.some((u) => u.passId === passId) && pushesTo(iphone).length === 1 ? true : undefined));
    expect(relay.updates.find((u) => u.passId === passId)).toEqual({ tenantId, passId, version: 2, topic: TOPIC, pushToken: 'fcm:android-token' });
    expect(apns.pushes.some((push) => push.token.includes('fcm'))).toBe(false);
  });

  test('a Google pass, or a pass nobody registered, pushes nothing', async () => {
    const before = passGeneration.targetCalls;
    await updated(passWith([apple(token())]), 'google');
    const lonely = passWith([]);
    await updated(lonely);
    await waitFor('the fan-out of the lonely pass', () => (passGeneration.targetCalls > before ? true : undefined));
    expect(passGeneration.targetCalls).toBe(before + 1);
  });

  describe('a device registering while its pass changes (issue 12)', () => {
    test('gets exactly one push for the version whose fan-out missed it; devices the fan-out reached get no second one', async () => {
      const [early, late] = [token(), token()];
      const passId = passWith([apple(early)]);
      await updated(passId);
      await waitFor('the fan-out push to the device registered before the change', () => (pushesTo(early).length === 1 ? true : undefined));
      // The late device's registration commits after that fan-out read the registrations.
      passGeneration.passes.get(passId)!.devices.push(apple(late));
      await installed(passId);
      await waitFor('the catch-up push to the late device', () => (pushesTo(late).length === 1 ? true : undefined));
      // A second install (another device) finds both already pushed at this version.
      await installed(passId);
      expect([pushesTo(early).length, pushesTo(late).length]).toEqual([1, 1]);
    });

    test('a device registering a pass still on its first version gets no push', async () => {
      const [device, identifier] = [token(), randomBytes(16).toString('hex')];
      const passId = passWith([apple(device, identifier)], 1);
      await installed(passId);
      // The catch-up job queues its device pushes before it completes: none was queued.
      expect(await inspect.getJob(devicePushJobId(passId, 1, identifier))).toBeUndefined();
      expect(pushesTo(device)).toHaveLength(0);
    });

    test('a device registering a version made long before (an ordinary install) gets no push', async () => {
      const [device, identifier] = [token(), randomBytes(16).toString('hex')];
      const passId = passWith([apple(device, identifier)], 4, new Date(Date.now() - REGISTRATION_RACE_WINDOW_MS - 60_000));
      await installed(passId);
      expect(await inspect.getJob(devicePushJobId(passId, 4, identifier))).toBeUndefined();
      expect(pushesTo(device)).toHaveLength(0);
    });
  });
});
