import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { RequestLimiter } from './request-limiter';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

// The contract's per-tenant budget is a token bucket: a quiet client may spend the whole
// burst at once, and once it is spent it waits about a second, not the whole refill time.
describe('RequestLimiter (real Redis)', () => {
  let redis: Redis;
  let limiter: RequestLimiter;

  beforeAll(() => {
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    limiter = new RequestLimiter(redis, `test-rl-${randomUUID()}`);
  });

  afterAll(async () => {
    await redis.quit();
  });

  test('the whole burst at once, then a refusal that asks for one steady interval, not the whole refill', async () => {
    // One request per 10 s with a burst of 10: the burst is back only after 100 s. A slow
    // rate keeps the test's requests inside one steady window however busy the machine is.
    const key = randomUUID();
    const answers = [];
    for (let i = 0; i < 10; i += 1) answers.push(await limiter.take(key, 0.1, 10));
    expect(answers.every((a) => a.allowed && a.limit === 10)).toBe(true);
    expect(answers.map((a) => a.remaining)).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
    const refused = await limiter.take(key, 0.1, 10);
    expect(refused).toMatchObject({ allowed: false, remaining: 0 });
    expect(refused.retryAfter).toBeGreaterThanOrEqual(1);
    expect(refused.retryAfter).toBeLessThanOrEqual(10);
    expect(refused.reset).toBeGreaterThan(10);
    // Another key has its own budget.
    expect(await limiter.take(randomUUID(), 0.1, 10)).toMatchObject({ allowed: true, remaining: 9 });
  });

  test('a read (cost 0) spends nothing', async () => {
    const key = randomUUID();
    expect(await limiter.take(key, 2, 10, 0)).toMatchObject({ allowed: true, remaining: 10, reset: 0 });
    await limiter.take(key, 2, 10);
    expect(await limiter.take(key, 2, 10, 0)).toMatchObject({ allowed: true, remaining: 9 });
  });

  test('a rate under one per second still allows its burst, then one per window', async () => {
    const key = randomUUID();
    // 10 failures per minute with a burst of 3: the steady window holds one per 6 s.
    const answers = [];
    for (let i = 0; i < 3; i += 1) answers.push(await limiter.take(key, 10 / 60, 3));
    expect(answers.every((a) => a.allowed)).toBe(true);
    const refused = await limiter.take(key, 10 / 60, 3);
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfter).toBeLessThanOrEqual(6);
  });
});
