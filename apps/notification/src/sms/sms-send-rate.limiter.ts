import { Inject, Injectable } from '@nestjs/common';
import { CONFIG, REDIS } from '@wp/service-runtime';
import Redis from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { NotificationConfig } from '../config';

/**
 * Paces SMS per tenant (SMS_SEND_RATE_PER_SEC a second), so a tenant sending thousands
 * neither trips Twilio's limits nor delays every other tenant. Counted in Redis by
 * rate-limiter-flexible, so every worker replica shares one pace.
 */
@Injectable()
export class SmsSendRateLimiter {
  private readonly limiter: RateLimiterRedis;

  constructor(@Inject(REDIS) redis: Redis, @Inject(CONFIG) config: NotificationConfig) {
    this.limiter = new RateLimiterRedis({ storeClient: redis, keyPrefix: `${config.WP_NAMESPACE}:sms-rate`, points: config.SMS_SEND_RATE_PER_SEC, duration: 1 });
  }

  /** 0 when the tenant may send now (and the slot is taken), else milliseconds to wait. */
  async take(tenantId: string): Promise<number> {
    try {
      await this.limiter.consume(tenantId);
      return 0;
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return Math.max(1, rejection.msBeforeNext);
      throw rejection;
    }
  }
}
