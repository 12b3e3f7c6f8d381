import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { PUSH_QUEUES } from '@wp/contracts';
import { ManagedWorker } from '@wp/events';
import { CONFIG, LOGGER } from '@wp/service-runtime';
import { Job } from 'bullmq';
import type { Logger } from 'pino';
import type { NotificationConfig } from '../config';
import { PassPushJob } from './pass-push.jobs';
import { PassPusher } from './pass-pusher';

/** Works the push queue: fan-outs and device pushes, APNS_PUSH_CONCURRENCY at a time. */
@Injectable()
export class PassPushWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private worker?: ManagedWorker<PassPushJob>;

  constructor(
    private readonly pusher: PassPusher,
    @Inject(CONFIG) private readonly config: NotificationConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const home = { redisUrl: this.config.REDIS_URL, namespace: this.config.WP_NAMESPACE, logger: this.logger };
    this.worker = new ManagedWorker<PassPushJob>(home, PUSH_QUEUES.passPush, 'notification-push-worker', (job) => this.process(job), {
      concurrency: this.config.APNS_PUSH_CONCURRENCY,
      maxStalledCount: 10,
    });
    this.worker.worker.on('failed', (job, err) =>
      this.logger.warn({ job_id: job?.id, kind: job?.data.kind, pass_id: job?.data.passId, attempt: job?.attemptsMade, err: err.message }, 'push job failed'),
    );
    await this.worker.worker.waitUntilReady();
  }

  /** Running pushes finish first, then their trace steps go out; the APNs sessions close after (ApnsSender, at shutdown). */
  async onModuleDestroy(): Promise<void> {
    await this.worker?.close();
    await this.pusher.flushTraces();
  }

  private async process(job: Job<PassPushJob>): Promise<void> {
    switch (job.data.kind) {
      case 'pass':
        await this.pusher.fanout(job.data);
        return;
      case 'installed':
        await this.pusher.catchUp(job.data);
        return;
      case 'device':
        await this.pusher.push(job.data);
    }
  }
}
