import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { PUSH_QUEUES } from '@wp/contracts';
import { bullConnection, queuePrefix } from '@wp/events';
import { processMetrics, traceCarrier } from '@wp/observability';
import { CONFIG, LOGGER } from '@wp/service-runtime';
import { JobsOptions, Queue } from 'bullmq';
import type Redis from 'ioredis';
import type { Logger } from 'pino';
import type { NotificationConfig } from '../config';
import { DevicePushJob, PassCatchUpJob, PassFanoutJob, PassPushJob, catchUpJobId, devicePushJobId, fanoutJobId } from './pass-push.jobs';

/**
 * BullMQ serves jobs without a priority before any prioritized one. Fan-outs get one, so the
 * device pushes a fan-out queued go out before the next fan-outs of a burst: the first
 * devices are told within milliseconds instead of after every fan-out of the burst ran.
 */
const FANOUT_PRIORITY: JobsOptions = { priority: 1 };

/** Adds pass fan-outs and device pushes; the job ids make re-adds (redelivered events, a second event for one version) no-ops. */
@Injectable()
export class PassPushQueue implements OnModuleInit, OnModuleDestroy {
  private connection?: Redis;
  private queue?: Queue<PassPushJob>;
  private readonly options: JobsOptions;

  constructor(
    @Inject(CONFIG) private readonly config: NotificationConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.options = {
      attempts: config.APNS_PUSH_ATTEMPTS,
      backoff: { type: 'exponential', delay: 1000 },
      // Completed device jobs stay a day: that is how long a repeated version stays deduplicated.
      removeOnComplete: { age: 24 * 3600, count: 200_000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    };
  }

  /** Before the event consumer starts (at bootstrap), which adds fan-outs from its handlers. */
  async onModuleInit(): Promise<void> {
    this.connection = bullConnection({ redisUrl: this.config.REDIS_URL, namespace: this.config.WP_NAMESPACE }, 'notification-push-queue');
    this.queue = new Queue<PassPushJob>(PUSH_QUEUES.passPush, { connection: this.connection, prefix: queuePrefix(this.config.WP_NAMESPACE) });
    this.queue.on('error', (err) => this.logger.warn({ err: err.message }, 'push queue error'));
    await this.queue.waitUntilReady();
    const queue = this.queue;
    processMetrics().watchQueue(PUSH_QUEUES.passPush, () => queue.getJobCounts('waiting', 'active', 'delayed', 'failed'));
  }

  async onModuleDestroy(): Promise<void> {
    await this.queue?.close();
    await this.connection?.quit().catch(() => undefined);
  }

  async fanout(job: PassFanoutJob): Promise<void> {
    await this.require().add(job.kind, { ...job, ...traceCarrier() }, { ...this.options, ...FANOUT_PRIORITY, jobId: fanoutJobId(job.eventId) });
  }

  async catchUp(job: PassCatchUpJob): Promise<void> {
    await this.require().add(job.kind, { ...job, ...traceCarrier() }, { ...this.options, ...FANOUT_PRIORITY, jobId: catchUpJobId(job.eventId) });
  }

  async devices(jobs: DevicePushJob[]): Promise<void> {
    if (jobs.length === 0) return;
    await this.require().addBulk(
      jobs.map((data) => ({ name: data.kind, data: { ...data, ...traceCarrier() }, opts: { ...this.options, jobId: devicePushJobId(data.passId, data.version, data.deviceLibraryIdentifier) } })),
    );
  }

  private require(): Queue<PassPushJob> {
    if (!this.queue) throw new Error('PassPushQueue used before module init');
    return this.queue;
  }
}
