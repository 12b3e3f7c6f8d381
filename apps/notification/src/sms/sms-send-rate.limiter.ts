import { Inject, Injectable } from '@nestjs/common';
import { CONFIG, REDIS } from '@wp/service-runtime';
import Redis from 'ioredis';
import type { NotificationConfig } from '../config';

// GCRA (generic cell rate algorithm): one timestamp per tenant, the "theoretical arrival
// time" of the next message. A send is allowed when it is no more than the burst tolerance
// ahead of now; otherwise the answer is how long to wait. Redis's clock is used so every
// worker replica agrees. Nothing is reserved on a refusal, so a waiting job takes no slot.
const TAKE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local interval = tonumber(ARGV[1])
local tolerance = tonumber(ARGV[2])
local tat = tonumber(redis.call('GET', KEYS[1]) or now)
if tat < now then tat = now end
local wait = tat - tolerance - now
if wait > 0 then return math.ceil(wait) end
local nextTat = math.floor(tat + interval + 0.5)
redis.call('SET', KEYS[1], nextTat, 'PX', nextTat - now + 1000)
return 0
`;

/**
 * Paces SMS per tenant (SMS_SEND_RATE_PER_SEC, bursting up to one second's worth), so a
 * tenant sending thousands neither trips Twilio's limits nor delays every other tenant.
 */
@Injectable()
export class SmsSendRateLimiter {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(CONFIG) private readonly config: NotificationConfig,
  ) {}

  /** 0 when the tenant may send now (and the slot is taken), else milliseconds to wait. */
  async take(tenantId: string): Promise<number> {
    const rate = this.config.SMS_SEND_RATE_PER_SEC;
    const interval = 1000 / rate;
    const tolerance = interval * (rate - 1);
    const key = `${this.config.WP_NAMESPACE}:sms-rate:${tenantId}`;
    return Number(await this.redis.eval(TAKE, 1, key, interval, tolerance));
  }
}
