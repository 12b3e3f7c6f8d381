import type Redis from 'ioredis';
import { BurstyRateLimiter, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

export interface LimitResult {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until a request would be allowed again (0 when allowed). */
  retryAfter: number;
  /** Seconds until the full budget is back. */
  reset: number;
}

/** One budget: the steady window (`rate` per second) and the burst reserve on top of it. */
interface Budget {
  limiter: BurstyRateLimiter;
  steady: RateLimiterRedis;
  reserve: RateLimiterRedis | null;
}

/**
 * Request budgets shared by every gateway replica through Redis (rate-limiter-flexible's
 * atomic Lua counters). The contract's "token bucket of `rate` per second with a burst" is
 * built as rate-limiter-flexible's bursty pair: a window of `rate` requests per second, and
 * once it is spent a reserve of `burst − rate` that comes back over `burst / rate` seconds.
 * A quiet client may spend the whole burst at once; after that it still gets `rate` per
 * second and waits at most a second, as with a bucket (a plain `burst` per `burst / rate`
 * window would make it wait the whole window).
 */
export class RequestLimiter {
  private readonly budgets = new Map<string, Budget>();

  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
  ) {}

  /** Spends `cost` (0 only reads) from the budget under `key`. */
  async take(key: string, ratePerSecond: number, burst: number, cost = 1): Promise<LimitResult> {
    const budget = this.budget(ratePerSecond, burst);
    let allowed = true;
    let waitMs = 0;
    if (cost > 0) {
      try {
        await budget.limiter.consume(key, cost);
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        allowed = false;
        waitMs = rejection.msBeforeNext;
      }
    }
    const [steady, reserve] = await Promise.all([budget.steady.get(key), budget.reserve?.get(key) ?? null]);
    const left = (limiter: RateLimiterRedis, state: RateLimiterRes | null) => Math.max(0, limiter.points - (state?.consumedPoints ?? 0));
    const remaining = Math.min(burst, left(budget.steady, steady) + (budget.reserve ? left(budget.reserve, reserve) : 0));
    const untilFull = Math.max(steady?.msBeforeNext ?? 0, reserve && (reserve.consumedPoints ?? 0) > 0 ? reserve.msBeforeNext : 0);
    return {
      allowed,
      limit: burst,
      remaining,
      retryAfter: allowed ? 0 : Math.max(1, Math.ceil(waitMs / 1000)),
      reset: remaining >= burst ? 0 : Math.max(1, Math.ceil(untilFull / 1000)),
    };
  }

  private budget(ratePerSecond: number, burst: number): Budget {
    // A rate under one per second (failed credentials: a few per minute) gets a longer steady
    // window holding one request.
    const windowS = Math.max(1, Math.ceil(1 / ratePerSecond));
    const steadyPoints = Math.min(burst, Math.max(1, Math.round(ratePerSecond * windowS)));
    const refillS = Math.max(windowS, Math.ceil(burst / ratePerSecond));
    const id = `${burst}/${steadyPoints}/${windowS}/${refillS}`;
    let budget = this.budgets.get(id);
    if (!budget) {
      const steady = new RateLimiterRedis({ storeClient: this.redis, keyPrefix: `${this.keyPrefix}:${id}:steady`, points: steadyPoints, duration: windowS });
      const reserve =
        burst > steadyPoints
          ? new RateLimiterRedis({ storeClient: this.redis, keyPrefix: `${this.keyPrefix}:${id}:reserve`, points: burst - steadyPoints, duration: refillS })
          : null;
      // Without a reserve the steady window is the whole budget; a second limiter that refuses
      // everything keeps BurstyRateLimiter's shape.
      const limiter = new BurstyRateLimiter(steady, reserve ?? new RateLimiterRedis({ storeClient: this.redis, keyPrefix: `${this.keyPrefix}:${id}:none`, points: 0, duration: windowS }));
      budget = { limiter, steady, reserve };
      this.budgets.set(id, budget);
    }
    return budget;
  }
}
