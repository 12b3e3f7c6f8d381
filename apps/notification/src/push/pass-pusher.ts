import { Inject, Injectable } from '@nestjs/common';
import { CallContext, DomainError, PassInternalPatterns, PushOutcomeRecord, PushTargets } from '@wp/contracts';
import { RpcClient } from '@wp/messaging';
import { LOGGER } from '@wp/service-runtime';
import { UnrecoverableError } from 'bullmq';
import type { Logger } from 'pino';
import { ApnsSender } from '../apns/apns-sender';
import { ANDROID_PASS_RELAY, AndroidPassRelay } from './android-pass.relay';
import { DevicePushJob, PassCatchUpJob, PassFanoutJob } from './pass-push.jobs';
import { PassPushQueue } from './pass-push.queue';
import { PushCredentialsCache } from './push-credentials.cache';
import { PushTraceBuffer } from './push-trace.buffer';

const systemCall = (tenantId: string, requestId: string): CallContext => ({ requestId, tenantId, actor: { kind: 'system', service: 'notification' } });

/** A transient APNs answer (429, 5xx, network): BullMQ retries the job with backoff. */
/**
 * How long a device can take from downloading a pass to registering it (Wallet registers
 * right after the holder adds the pass; slow networks and retries stretch that to minutes).
 * A version made within this window before a registration may have been fanned out before
 * the registration committed, so the registering device is pushed it once more.
 */
export const REGISTRATION_RACE_WINDOW_MS = 5 * 60_000;

class PushNotDelivered extends Error {
  constructor(reason: string) {
    super(`APNs did not take the push (${reason})`);
    this.name = 'PushNotDelivered';
  }
}

/**
 * The live-update push: for a new pass version, ask pass-generation (which
 * owns registrations) for the devices and the certificate, then one push per device, an
 * empty JSON payload to `/3/device/{token}` with the pass type id as topic, over the
 * certificate's HTTP/2 session. Tokens APNs calls dead are dropped at pass-generation;
 * Android registrations go to the Android relay, never to APNs.
 */
@Injectable()
export class PassPusher {
  private readonly credentials = new PushCredentialsCache();

  constructor(
    private readonly rpc: RpcClient,
    private readonly apns: ApnsSender,
    private readonly queue: PassPushQueue,
    private readonly traces: PushTraceBuffer,
    @Inject(ANDROID_PASS_RELAY) private readonly android: AndroidPassRelay,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async fanout(job: PassFanoutJob): Promise<number> {
    const targets = await this.targets(job.tenantId, job.passId, `push:${job.eventId}`);
    return this.queueDevicePushes(job, targets);
  }

  /**
   * After a registration: a change's fan-out reads the registrations when it runs, so a
   * device registering while its pass changes can be missed and keep the version it
   * downloaded. The current version is pushed to the registered devices when it is newer than
   * the first (a version-1 pass is what every device downloaded) and was made within
   * REGISTRATION_RACE_WINDOW_MS before the registration (or after it). The device push job
   * id (pass, version, device) keeps a device the version's own fan-out reached from a second push.
   */
  async catchUp(job: PassCatchUpJob): Promise<number> {
    const targets = await this.targets(job.tenantId, job.passId, `push:${job.eventId}`);
    if (!targets || targets.version <= 1) return 0;
    const madeAt = Date.parse(targets.version_made_at);
    if (madeAt < Date.parse(job.installedAt) - REGISTRATION_RACE_WINDOW_MS) return 0;
    return this.queueDevicePushes(job, targets);
  }

  private async queueDevicePushes(job: { tenantId: string; passId: string }, targets: PushTargets | null): Promise<number> {
    if (!targets || !targets.topic || targets.devices.length === 0) return 0;
    const topic = targets.topic;
    await this.queue.devices(
      targets.devices.map((device) => ({
        kind: 'device',
        tenantId: job.tenantId,
        passId: job.passId,
        version: targets.version,
        deviceLibraryIdentifier: device.device_library_identifier,
        pushToken: device.push_token,
        topic,
        platform: device.platform,
      })),
    );
    return targets.devices.length;
  }

  async push(job: DevicePushJob): Promise<void> {
    if (job.platform === 'android') {
      await this.android.notify({ tenantId: job.tenantId, passId: job.passId, version: job.version, topic: job.topic, pushToken: job.pushToken });
      return;
    }
    const cached = this.credentials.get(job.tenantId, job.topic);
    const credentials = cached ?? (await this.freshCredentials(job));
    if (!credentials) return;
    const started = performance.now();
    const result = await this.apns.push(job.tenantId, {
      deviceToken: job.pushToken,
      topic: job.topic,
      credentials: { certificatePem: credentials.certificate_pem, privateKeyPem: credentials.private_key_pem },
    });
    const log = { pass_id: job.passId, version: job.version, status: result.status, reason: result.reason, apns_id: result.apnsId };
    const step = this.traceStep(job, result, Math.round(performance.now() - started));
    // A delivered push's trace step goes out with others; a refused one is written before
    // going on, so the trace shows the refusal before the unregistration it causes.
    if (result.outcome === 'delivered') this.traces.add(job.tenantId, step);
    else await this.trace(job, step);
    switch (result.outcome) {
      case 'delivered':
        this.logger.debug(log, 'pass update pushed');
        return;
      case 'unregistered':
      case 'bad-token': {
        const reason = result.outcome === 'unregistered' ? 'unregistered' : 'bad_token';
        const { removed } = await this.rpc.send(PassInternalPatterns.dropRegistrations, systemCall(job.tenantId, `push:${job.passId}`), {
          push_token: job.pushToken,
          topic: job.topic,
          reason,
        });
        this.logger.info({ ...log, removed }, 'APNs refused the token; its registrations were removed');
        return;
      }
      case 'retry':
        throw new PushNotDelivered(result.reason ?? `HTTP ${result.status}`);
      case 'failed':
        if (cached && (result.reason === 'TlsError' || result.reason === 'InvalidCredentials')) {
          // The certificate may have been replaced since it was cached: ask again, then retry.
          this.credentials.forget(job.tenantId, job.topic);
          throw new PushNotDelivered(`${result.reason} with a cached certificate`);
        }
        this.logger.warn({ ...log, detail: result.detail }, 'APNs push failed for good');
        throw new UnrecoverableError(`APNs refused the push (${result.reason ?? result.status})`);
    }
  }

  /** Sends the gathered trace steps now (at shutdown, once the worker drained). */
  flushTraces(): Promise<void> {
    return this.traces.flush();
  }

  private traceStep(job: DevicePushJob, result: { status: number; reason?: string; apnsId?: string }, durationMs: number): PushOutcomeRecord {
    return {
      pass_id: job.passId,
      version: job.version,
      device_library_identifier: job.deviceLibraryIdentifier,
      status_code: result.status,
      ...(result.reason ? { reason: result.reason } : {}),
      ...(result.apnsId ? { apns_id: result.apnsId } : {}),
      duration_ms: durationMs,
    };
  }

  /** One apns_push step on the pass's trace, now. A trace that cannot be written never fails the push. */
  private async trace(job: DevicePushJob, step: PushOutcomeRecord): Promise<void> {
    try {
      await this.rpc.send(PassInternalPatterns.recordPush, systemCall(job.tenantId, `push:${job.passId}`), step);
    } catch (error) {
      this.logger.warn({ pass_id: job.passId, err: error }, 'could not record the push on the pass trace');
    }
  }

  private async freshCredentials(job: DevicePushJob): Promise<PushTargets['credentials']> {
    const targets = await this.targets(job.tenantId, job.passId, `push:${job.passId}`, true);
    return targets?.topic === job.topic ? targets.credentials : null;
  }

  /**
   * The pass's version, topic and devices. The certificate comes along only when none of the
   * tenant's is cached (then it is cached): in a burst, one fan-out per tenant fetches it.
   * Null when the pass is gone; an unusable certificate ends the job (retrying will not fix it).
   */
  private async targets(tenantId: string, passId: string, requestId: string, needCredentials = !this.credentials.hasTenant(tenantId)): Promise<PushTargets | null> {
    const targets = await this.askTargets(tenantId, passId, requestId, needCredentials);
    if (targets?.credentials && targets.topic) this.credentials.set(tenantId, targets.topic, targets.credentials);
    // A pass under another pass type than the cached certificate's: ask once more, with it.
    if (targets && !needCredentials && targets.topic && targets.devices.length > 0 && !this.credentials.get(tenantId, targets.topic)) {
      return this.targets(tenantId, passId, requestId, true);
    }
    return targets;
  }

  private async askTargets(tenantId: string, passId: string, requestId: string, credentials: boolean): Promise<PushTargets | null> {
    try {
      return await this.rpc.send(PassInternalPatterns.pushTargets, systemCall(tenantId, requestId), { pass_id: passId, credentials });
    } catch (error) {
      if (error instanceof DomainError && error.code === 'not_found') return null;
      if (error instanceof DomainError && error.code === 'unprocessable') throw new UnrecoverableError(error.message);
      throw error;
    }
  }
}
