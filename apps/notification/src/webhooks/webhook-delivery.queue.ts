import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { WEBHOOK_DELIVERY_QUEUE, WebhookDeliveryJob } from '@wp/contracts';
import { ManagedWorker, bullConnection, queuePrefix } from '@wp/events';
import { LOGGER } from '@wp/service-runtime';
import { Job, JobsOptions, Queue, UnrecoverableError } from 'bullmq';
import type Redis from 'ioredis';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { SendOutcome } from './egress/webhook-sender';
import { WEBHOOK_CONFIG, WebhookConfig } from './webhook.config';
import { WebhookDeliverer } from './webhook-deliverer';
import { WEBHOOK_BACKOFF, retryDelayMs } from './webhook-retry.schedule';
import { Webhook } from './webhook.entity';

/** A failed attempt; carries the receiver's Retry-After to the backoff strategy. */
class DeliveryFailed extends Error {
  constructor(readonly outcome: SendOutcome) {
    super(outcome.error ?? 'delivery failed');
    this.name = 'DeliveryFailed';
  }
}

/** BullMQ job ids may not contain ':'. One job per (event, endpoint): a re-add is ignored. */
export const deliveryJobId = (eventId: string, webhookId: string) => `${eventId}.${webhookId}`;

/**
 * The delivery queue and its worker. Attempts follow WEBHOOK_RETRY_SCHEDULE_MS (Standard
 * Webhooks' 5 s … 24 h by default, about three days in all) with jitter; a 410 or a deleted
 * or disabled endpoint ends the job without further retries.
 */
@Injectable()
export class WebhookDeliveryQueue implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private queueConnection?: Redis;
  private queue?: Queue<WebhookDeliveryJob>;
  private worker?: ManagedWorker<WebhookDeliveryJob>;
  private readonly jobOptions: JobsOptions;

  constructor(
    @Inject(WEBHOOK_CONFIG) private readonly config: WebhookConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly db: DataSource,
    private readonly deliverer: WebhookDeliverer,
  ) {
    this.jobOptions = {
      attempts: config.WEBHOOK_RETRY_SCHEDULE_MS.length + 1,
      backoff: { type: WEBHOOK_BACKOFF },
      removeOnComplete: { age: 3600, count: 10_000 },
      // Failed jobs stay a week for inspection; the attempts themselves are in webhook_deliveries.
      removeOnFail: { age: 7 * 24 * 3600 },
    };
  }

  /** The queue exists before any event consumer starts (they start at bootstrap). */
  onModuleInit(): void {
    this.queueConnection = bullConnection({ redisUrl: this.config.REDIS_URL, namespace: this.config.WP_NAMESPACE }, 'notification-webhooks-queue');
    this.queue = new Queue(WEBHOOK_DELIVERY_QUEUE, { connection: this.queueConnection, prefix: queuePrefix(this.config.WP_NAMESPACE) });
    this.queue.on('error', (err) => this.logger.warn({ err: err.message }, 'webhook queue error'));
  }

  onApplicationBootstrap(): void {
    const home = { redisUrl: this.config.REDIS_URL, namespace: this.config.WP_NAMESPACE, logger: this.logger };
    this.worker = new ManagedWorker<WebhookDeliveryJob>(home, WEBHOOK_DELIVERY_QUEUE, 'notification-webhooks-worker', (job) => this.process(job), {
      concurrency: this.config.WEBHOOK_CONCURRENCY,
      // Longer than one attempt's time-out, so a slow receiver never looks like a dead worker.
      lockDuration: Math.max(30_000, this.config.WEBHOOK_TIMEOUT_MS * 2),
      maxStalledCount: 10,
      settings: {
        backoffStrategy: (attemptsMade: number, _type?: string, err?: Error) =>
          retryDelayMs(this.config.WEBHOOK_RETRY_SCHEDULE_MS, attemptsMade, err instanceof DeliveryFailed ? err.outcome.retryAfterMs : null),
      },
    });
    this.worker.worker.on('failed', (job, err) =>
      this.logger.warn(
        { webhook_id: job?.data.webhookId, event_id: job?.data.eventId, attempt: job?.attemptsMade, final: job ? job.attemptsMade >= (job.opts.attempts ?? 1) : undefined, err: err.message },
        'webhook delivery failed',
      ),
    );
  }

  async onModuleDestroy(): Promise<void> {
    await this.worker?.close();
    await this.queue?.close();
    await this.queueConnection?.quit().catch(() => undefined);
  }

  async enqueue(jobs: WebhookDeliveryJob[]): Promise<void> {
    if (!this.queue) throw new Error('webhook queue used before module init');
    await this.queue.addBulk(jobs.map((data) => ({ name: data.eventType, data, opts: { ...this.jobOptions, jobId: deliveryJobId(data.eventId, data.webhookId) } })));
  }

  private async process(job: Job<WebhookDeliveryJob>): Promise<void> {
    const { tenantId, webhookId, eventId, eventType, body } = job.data;
    const webhook = await this.db.getRepository(Webhook).findOneBy({ id: webhookId, tenantId });
    // Deleted or disabled since the event was queued: nothing to send, nothing to retry.
    if (!webhook || webhook.status !== 'active') return;
    const { outcome } = await this.deliverer.attempt(webhook, eventId, eventType, body, job.attemptsMade + 1);
    if (outcome.success) return;
    if (outcome.statusCode === 410) throw new UnrecoverableError('the receiver answered 410 Gone; endpoint disabled');
    throw new DeliveryFailed(outcome);
  }
}
