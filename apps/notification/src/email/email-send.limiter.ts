import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@wp/contracts';
import { CONFIG, REDIS } from '@wp/service-runtime';
import Redis from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { NotificationConfig } from '../config';

/**
 * EMAIL_SEND_RATE_PER_MIN real sends per tenant per minute, counted in Redis so every
 * replica agrees. Beyond it a send is a 429 with Retry-After, before anything is written.
 */
@Injectable()
export class EmailSendLimiter {
  private readonly limiter: RateLimiterRedis;

  constructor(@Inject(REDIS) redis: Redis, @Inject(CONFIG) config: NotificationConfig) {
    this.limiter = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${config.WP_NAMESPACE}:email-rate`,
      points: config.EMAIL_SEND_RATE_PER_MIN,
      duration: 60,
    });
  }

  async take(tenantId: string): Promise<void> {
    try {
      await this.limiter.consume(tenantId);
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      const seconds = Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
      throw new DomainError('rate_limited', 'This account has sent as many e-mails as it may this minute; retry after the time in Retry-After', undefined, seconds);
    }
  }
}
