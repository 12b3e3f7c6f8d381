import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DISTRIBUTION_QUEUES } from '@wp/contracts';
import { ManagedWorker } from '@wp/events';
import { CONFIG, LOGGER } from '@wp/service-runtime';
import { DelayedError, Job } from 'bullmq';
import type { Logger } from 'pino';
import type { NotificationConfig } from '../config';
import { SmsDeliveryService } from './sms-delivery.service';
import type { SmsSendJob } from './sms-send.queue';

/** Works the SMS queue; pacing per tenant happens per job (SmsSendRateLimiter), not per queue. */
@Injectable()
export class SmsSendWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private worker?: ManagedWorker<SmsSendJob>;

  constructor(
    private readonly delivery: SmsDeliveryService,
    @Inject(CONFIG) private readonly config: NotificationConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const home = { redisUrl: this.config.REDIS_URL, namespace: this.config.WP_NAMESPACE, logger: this.logger };
    this.worker = new ManagedWorker<SmsSendJob>(home, DISTRIBUTION_QUEUES.smsSend, 'notification-sms-worker', (job, token) => this.process(job, token), {
      concurrency: 10,
    });
    await this.worker.worker.waitUntilReady();
  }

  /** Lets running sends finish (a send cut off mid-request could be sent twice on retry). */
  async onModuleDestroy(): Promise<void> {
    await this.worker?.close();
  }

  private async process(job: Job<SmsSendJob>, token: string | undefined): Promise<void> {
    const outcome = await this.delivery.deliver(job.data.messageId, { number: job.attemptsMade + 1, max: job.opts.attempts ?? 1 });
    if (outcome.kind === 'retry') throw outcome.error;
    if (outcome.kind === 'wait') {
      // BullMQ's documented manual delay: the job sleeps without using up an attempt, and
      // other tenants' jobs keep flowing meanwhile.
      await job.moveToDelayed(Date.now() + outcome.ms, token);
      throw new DelayedError();
    }
  }
}
