import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { DISTRIBUTION_QUEUES } from '@wp/contracts';
import { bullConnection, queuePrefix } from '@wp/events';
import { CONFIG, LOGGER } from '@wp/service-runtime';
import { Queue } from 'bullmq';
import type Redis from 'ioredis';
import type { Logger } from 'pino';
import type { NotificationConfig } from '../config';

/** Ids only: the worker loads the message fresh, so a retry sends what the row says now. */
export interface SmsSendJob {
  messageId: string;
}

// Redis down must not hang the API request: the add gives up and the caller answers 503.
const ADD_TIMEOUT_MS = 5000;

@Injectable()
export class SmsSendQueue implements OnModuleInit, OnModuleDestroy {
  private connection?: Redis;
  private queue?: Queue<SmsSendJob>;

  constructor(
    @Inject(CONFIG) private readonly config: NotificationConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onModuleInit(): Promise<void> {
    this.connection = bullConnection({ redisUrl: this.config.REDIS_URL, namespace: this.config.WP_NAMESPACE }, 'notification-sms-queue');
    this.queue = new Queue<SmsSendJob>(DISTRIBUTION_QUEUES.smsSend, { connection: this.connection, prefix: queuePrefix(this.config.WP_NAMESPACE) });
    this.queue.on('error', (err) => this.logger.warn({ err: err.message }, 'sms queue error'));
    await this.queue.waitUntilReady();
  }

  async onModuleDestroy(): Promise<void> {
    await this.queue?.close();
    await this.connection?.quit().catch(() => undefined);
  }

  async enqueue(messageId: string): Promise<void> {
    if (!this.queue) throw new Error('SmsSendQueue used before init');
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('queue add timed out')), ADD_TIMEOUT_MS);
    });
    try {
      await Promise.race([
        this.queue.add(
          'send',
          { messageId },
          {
            // The message id as job id: a second add of the same message is a no-op.
            jobId: messageId,
            attempts: this.config.SMS_SEND_ATTEMPTS,
            backoff: { type: 'exponential', delay: 2000 },
            removeOnComplete: { age: 3600, count: 10_000 },
            removeOnFail: { age: 7 * 86_400 },
          },
        ),
        timeout,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }
}
