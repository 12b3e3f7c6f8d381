import type Redis from 'ioredis';

// Refill-on-read token bucket, atomic in Redis so every gateway replica shares one budget.
// Redis's own clock (TIME) is used so replicas with skewed clocks agree.
const SCRIPT = `
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens = tonumber(state[1])
local ts = tonumber(state[2])
if tokens == nil then tokens = burst; ts = now end
tokens = math.min(burst, tokens + math.max(0, now - ts) * rate / 1000)
local allowed = 0
if tokens >= cost then
  tokens = tokens - cost
  allowed = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate * 1000) + 1000)
return {allowed, tostring(tokens)}
`;

export interface BucketResult {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until a request would be allowed again (0 when allowed). */
  retryAfter: number;
  /** Seconds until the bucket is full again. */
  reset: number;
}

type BucketRedis = Redis & { takeTokens(key: string, rate: number, burst: number, cost: number): Promise<[number, string]> };

export class TokenBucket {
  private readonly redis: BucketRedis;

  constructor(redis: Redis) {
    // defineCommand sends the script's SHA (EVALSHA) and the script itself only after NOSCRIPT:
    // EVAL would write the whole script to Redis on every request, the gateway's top cost once.
    if (!('takeTokens' in redis)) redis.defineCommand('takeTokens', { numberOfKeys: 1, lua: SCRIPT });
    this.redis = redis as BucketRedis;
  }

  async take(key: string, ratePerSecond: number, burst: number, cost = 1): Promise<BucketResult> {
    const [allowed, tokensText] = await this.redis.takeTokens(key, ratePerSecond, burst, cost);
    const tokens = Number(tokensText);
    return {
      allowed: allowed === 1,
      limit: burst,
      remaining: Math.max(0, Math.floor(tokens)),
      retryAfter: allowed === 1 ? 0 : Math.max(1, Math.ceil((cost - tokens) / ratePerSecond)),
      reset: Math.ceil((burst - tokens) / ratePerSecond),
    };
  }
}
