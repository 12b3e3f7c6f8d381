import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@wp/contracts';
import { CONFIG, REDIS } from '@wp/service-runtime';
import Redis from 'ioredis';
import type { NotificationConfig } from '../config';

export interface QuotaReservation {
  /** Gives the slot back when the send did not happen after all. */
  release(): Promise<void>;
}

// INCR first, then compare, and undo when over: atomic, so concurrent sends can never
// overshoot the quota (a read-then-write count could).
const RESERVE = `
local used = redis.call('INCR', KEYS[1])
if used == 1 then redis.call('EXPIRE', KEYS[1], ARGV[2]) end
if used > tonumber(ARGV[1]) then
  redis.call('DECR', KEYS[1])
  return 0
end
return 1
`;

/** Real SMS sends per tenant per UTC day (SMS_DAILY_QUOTA), counted in Redis. */
@Injectable()
export class SmsDailyQuota {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(CONFIG) private readonly config: NotificationConfig,
  ) {}

  async reserve(tenantId: string, now = new Date()): Promise<QuotaReservation> {
    const key = this.key(tenantId, now);
    const quota = this.config.SMS_DAILY_QUOTA;
    // Kept a little past midnight so a clock skew between replicas cannot reopen the day.
    const granted = (await this.redis.eval(RESERVE, 1, key, quota, 2 * 86_400)) as number;
    if (granted !== 1) {
      throw new DomainError(
        'rate_limited',
        `Daily SMS quota reached: this tenant may send ${quota} SMS per day (UTC); sending resumes at 00:00 UTC`,
        undefined,
        secondsUntilUtcMidnight(now),
      );
    }
    return { release: async () => void (await this.redis.decr(key)) };
  }

  async used(tenantId: string, now = new Date()): Promise<number> {
    return Number((await this.redis.get(this.key(tenantId, now))) ?? 0);
  }

  private key(tenantId: string, now: Date): string {
    return `${this.config.WP_NAMESPACE}:sms-quota:${tenantId}:${now.toISOString().slice(0, 10)}`;
  }
}

export function secondsUntilUtcMidnight(now: Date): number {
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
  return Math.max(1, Math.ceil((midnight - now.getTime()) / 1000));
}
