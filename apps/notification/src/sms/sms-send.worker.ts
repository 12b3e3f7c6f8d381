import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DISTRIBUTION_QUEUES } from '@wp/contracts';
import { bullConnection, queuePrefix } from '@wp/events';
import { CONFIG, LOGGER } from '@wp/service-runtime';
import { DelayedError, Job, Worker } from 'bullmq';
import type Redis from 'ioredis';
import type { Logger } from 'pino';
import type { NotificationConfig } from '../config';
import { SmsDeliveryService } from './sms-delivery.service';
import type { SmsSendJob } from './sms-send.queue';

/** Works the SMS queue; pacing per tenant happens per job (SmsSendRateLimiter), not per queue. */
@Injectable()
export class SmsSendWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private connection?: Redis;
  private worker?: Worker<SmsSendJob>;

  constructor(
    private readonly delivery: SmsDeliveryService,
    @Inject(CONFIG) private readonly config: NotificationConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.connection = bullConnection(this.config.REDIS_URL, 'notification-sms-worker');
    this.worker = new Worker<SmsSendJob>(DISTRIBUTION_QUEUES.smsSend, (job, token) => this.process(job, token), {
      connection: this.connection,
      prefix: queuePrefix(this.config.WP_NAMESPACE),
      concurrency: 10,
    });
    this.worker.on('error', (err) => this.logger.warn({ err: err.message }, 'sms worker error'));
    await this.worker.waitUntilReady();
  }

  /** Lets running sends finish (a send cut off mid-request could be sent twice on retry). */
  async onModuleDestroy(): Promise<void> {
    await this.worker?.close();
    await this.connection?.quit().catch(() => undefined);
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
