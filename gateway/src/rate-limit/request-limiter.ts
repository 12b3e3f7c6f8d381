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

/** One budget: the steady window (`rate` per second) and the burst reserve on top of it. */
interface Budget {
  steady: RateLimiterRedis;
  reserve: RateLimiterRedis | null;
}

/** rate-limiter-flexible answers a refusal by rejecting with the limiter's state. */
async function consume(limiter: RateLimiterRedis, key: string, cost: number): Promise<{ allowed: boolean; state: RateLimiterRes }> {
  try {
    return { allowed: true, state: await limiter.consume(key, cost) };
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    return { allowed: false, state: rejection };
  }
}

const left = (limiter: RateLimiterRedis, state: RateLimiterRes | null) => Math.max(0, limiter.points - (state?.consumedPoints ?? 0));

/**
 * Request budgets shared by every gateway replica through Redis (rate-limiter-flexible's
 * atomic Lua counters). The contract's "token bucket of `rate` per second with a burst" is
 * built the way rate-limiter-flexible's BurstyRateLimiter composes two limiters: a window of
 * `rate` requests per second, and once it is spent a reserve of `burst − rate` that comes back
 * over `burst / rate` seconds. A quiet client may spend the whole burst at once; after that it
 * still gets `rate` per second and waits at most a second, as with a bucket (a plain `burst`
 * per `burst / rate` window would make it wait the whole window). The composition is done here
 * rather than through BurstyRateLimiter so the reserve's state comes back with the same round
 * trip: `X-RateLimit-Remaining` counts both, and the usual request costs one pipelined pair of
 * commands instead of a consume and two reads.
 */
export class RequestLimiter {
  private readonly budgets = new Map<string, Budget>();

  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
  ) {}

  /** Spends `cost` (0 only reads) from the budget under `key`. */
  async take(key: string, ratePerSecond: number, burst: number, cost = 1): Promise<LimitResult> {
    const { steady, reserve } = this.budget(ratePerSecond, burst);
    let allowed = true;
    let waitMs = 0;
    let steadyState: RateLimiterRes | null;
    let reserveState: RateLimiterRes | null;
    if (cost === 0) {
      [steadyState, reserveState] = await Promise.all([steady.get(key), reserve?.get(key) ?? null]);
    } else {
      const [fromSteady, reserveBefore] = await Promise.all([consume(steady, key, cost), reserve?.get(key) ?? null]);
      steadyState = fromSteady.state;
      reserveState = reserveBefore;
      if (!fromSteady.allowed) {
        // The steady window is spent: the request draws on the reserve, if any is left.
        const fromReserve = reserve ? await consume(reserve, key, cost) : null;
        allowed = fromReserve?.allowed ?? false;
        reserveState = fromReserve?.state ?? null;
        if (!allowed) waitMs = Math.min(fromSteady.state.msBeforeNext, fromReserve?.state.msBeforeNext ?? Infinity);
      }
    }
    const remaining = Math.min(burst, left(steady, steadyState) + (reserve ? left(reserve, reserveState) : 0));
    const untilFull = Math.max(steadyState?.msBeforeNext ?? 0, reserveState && reserveState.consumedPoints > 0 ? reserveState.msBeforeNext : 0);
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
      budget = { steady, reserve };
      this.budgets.set(id, budget);
    }
    return budget;
  }
}
