import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@wp/contracts';
import { CONFIG, REDIS } from '@wp/service-runtime';
import Redis from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { NotificationConfig } from '../config';

export interface QuotaReservation {
  /** Gives the slot back when the send did not happen after all. */
  release(): Promise<void>;
}

/**
 * Real SMS sends per tenant per UTC day (SMS_DAILY_QUOTA), counted in Redis by
 * rate-limiter-flexible. Its consume is one atomic increment-and-compare, so concurrent
 * sends can never overshoot the quota; a refused one is given back at once.
 */
@Injectable()
export class SmsDailyQuota {
  private readonly limiter: RateLimiterRedis;

  constructor(
    @Inject(REDIS) redis: Redis,
    @Inject(CONFIG) private readonly config: NotificationConfig,
  ) {
    // The key names the UTC day; it is kept a little past midnight so a clock skew between
    // replicas cannot reopen the day.
    this.limiter = new RateLimiterRedis({ storeClient: redis, keyPrefix: `${config.WP_NAMESPACE}:sms-quota`, points: Math.max(1, config.SMS_DAILY_QUOTA), duration: 2 * 86_400 });
  }

  async reserve(tenantId: string, now = new Date()): Promise<QuotaReservation> {
    const key = this.key(tenantId, now);
    const quota = this.config.SMS_DAILY_QUOTA;
    try {
      if (quota === 0) throw new RateLimiterRes(0, 0, 0);
      await this.limiter.consume(key);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      if (quota > 0) await this.limiter.reward(key, 1);
      throw new DomainError(
        'rate_limited',
        `Daily SMS quota reached: this tenant may send ${quota} SMS per day (UTC); sending resumes at 00:00 UTC`,
        undefined,
        secondsUntilUtcMidnight(now),
      );
    }
    return { release: async () => void (await this.limiter.reward(key, 1)) };
  }

  async used(tenantId: string, now = new Date()): Promise<number> {
    const state = await this.limiter.get(this.key(tenantId, now));
    return Math.min(this.config.SMS_DAILY_QUOTA, Math.max(0, state?.consumedPoints ?? 0));
  }

  private key(tenantId: string, now: Date): string {
    return `${tenantId}:${now.toISOString().slice(0, 10)}`;
  }
}

export function secondsUntilUtcMidnight(now: Date): number {
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
  return Math.max(1, Math.ceil((midnight - now.getTime()) / 1000));
}
