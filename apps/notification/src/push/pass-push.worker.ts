import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { PUSH_QUEUES } from '@wp/contracts';
import { bullConnection, queuePrefix } from '@wp/events';
import { CONFIG, LOGGER } from '@wp/service-runtime';
import { Job, Worker } from 'bullmq';
import type Redis from 'ioredis';
import type { Logger } from 'pino';
import type { NotificationConfig } from '../config';
import { PassPushJob } from './pass-push.jobs';
import { PassPusher } from './pass-pusher';

/** Works the push queue: fan-outs and device pushes, APNS_PUSH_CONCURRENCY at a time. */
@Injectable()
export class PassPushWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private connection?: Redis;
  private worker?: Worker<PassPushJob>;

  constructor(
    private readonly pusher: PassPusher,
    @Inject(CONFIG) private readonly config: NotificationConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.connection = bullConnection(this.config.REDIS_URL, 'notification-push-worker');
    this.worker = new Worker<PassPushJob>(PUSH_QUEUES.passPush, (job) => this.process(job), {
      connection: this.connection,
      prefix: queuePrefix(this.config.WP_NAMESPACE),
      concurrency: this.config.APNS_PUSH_CONCURRENCY,
      maxStalledCount: 10,
    });
    this.worker.on('error', (err) => this.logger.warn({ err: err.message }, 'push worker error'));
    this.worker.on('failed', (job, err) =>
      this.logger.warn({ job_id: job?.id, kind: job?.data.kind, pass_id: job?.data.passId, attempt: job?.attemptsMade, err: err.message }, 'push job failed'),
    );
    await this.worker.waitUntilReady();
  }

  /** Running pushes finish first; the APNs sessions close after (ApnsSender, at shutdown). */
  async onModuleDestroy(): Promise<void> {
    await this.worker?.close();
    await this.connection?.quit().catch(() => undefined);
  }

  private async process(job: Job<PassPushJob>): Promise<void> {
    if (job.data.kind === 'pass') await this.pusher.fanout(job.data);
    else await this.pusher.push(job.data);
  }
}
