import type Redis from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

export interface LimitResult {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until a request would be allowed again (0 when allowed). */
  retryAfter: number;
  /** Seconds until the full budget is back. */
  reset: number;
}

/**
 * Request budgets shared by every gateway replica through Redis (rate-limiter-flexible's
 * atomic Lua counter). A budget of `burst` requests per `burst / rate` seconds gives the
 * contract's "rate per second with a burst": a quiet client may spend the whole burst at
 * once, and over any longer time it averages `rate`.
 */
export class RequestLimiter {
  private readonly limiters = new Map<string, RateLimiterRedis>();

  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
  ) {}

  /** Spends `cost` (0 only reads) from the budget under `key`. */
  async take(key: string, ratePerSecond: number, burst: number, cost = 1): Promise<LimitResult> {
    const limiter = this.limiter(ratePerSecond, burst);
    let state: RateLimiterRes;
    let allowed = true;
    try {
      state = cost > 0 ? await limiter.consume(key, cost) : ((await limiter.get(key)) ?? new RateLimiterRes(burst, 0, 0));
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      state = rejection;
      allowed = false;
    }
    const remaining = Math.max(0, burst - state.consumedPoints);
    const waitS = Math.max(1, Math.ceil(state.msBeforeNext / 1000));
    return {
      allowed,
      limit: burst,
      remaining,
      retryAfter: allowed ? 0 : waitS,
      reset: state.consumedPoints > 0 ? waitS : 0,
    };
  }

  private limiter(ratePerSecond: number, burst: number): RateLimiterRedis {
    const duration = Math.max(1, Math.ceil(burst / ratePerSecond));
    const id = `${burst}/${duration}`;
    let limiter = this.limiters.get(id);
    if (!limiter) {
      limiter = new RateLimiterRedis({ storeClient: this.redis, keyPrefix: `${this.keyPrefix}:${id}`, points: burst, duration });
      this.limiters.set(id, limiter);
    }
    return limiter;
  }
}
