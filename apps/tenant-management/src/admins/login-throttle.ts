import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@wp/contracts';
import { sha256Hex } from '@wp/crypto';
import { CONFIG, REDIS } from '@wp/service-runtime';
import Redis from 'ioredis';
import { setTimeout as delay } from 'node:timers/promises';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import type { TenantManagementConfig } from '../tokens';

/**
 * Brute-force brake on admin logins, per e-mail and client address (by default 10 failures
 * per 15 min), counted in Redis by rate-limiter-flexible. Each failure answers more slowly
 * than the last; past the limit, 429.
 */
@Injectable()
export class LoginThrottle {
  private readonly failures: RateLimiterRedis;

  constructor(
    @Inject(REDIS) redis: Redis,
    @Inject(CONFIG) private readonly config: TenantManagementConfig,
  ) {
    this.failures = new RateLimiterRedis({ storeClient: redis, keyPrefix: `${config.WP_NAMESPACE}:login-failures`, points: config.LOGIN_MAX_FAILURES, duration: config.LOGIN_WINDOW_S });
  }

  private key(email: string, ip: string | undefined): string {
    return `${sha256Hex(email)}:${ip ?? 'unknown'}`;
  }

  async assertAllowed(email: string, ip: string | undefined): Promise<void> {
    const state = await this.failures.get(this.key(email, ip));
    if (state && state.consumedPoints >= this.config.LOGIN_MAX_FAILURES) {
      throw new DomainError('rate_limited', 'Too many failed logins; try again later', undefined, Math.max(1, Math.ceil(state.msBeforeNext / 1000)));
    }
  }

  /** Records a failure and waits longer the more failures there were. */
  async fail(email: string, ip: string | undefined): Promise<void> {
    // penalty, not consume: counting a failure never throws; assertAllowed decides.
    const state = await this.failures.penalty(this.key(email, ip), 1);
    await delay(Math.min(100 * 2 ** (state.consumedPoints - 1), this.config.LOGIN_MAX_DELAY_MS));
  }

  async succeed(email: string, ip: string | undefined): Promise<void> {
    await this.failures.delete(this.key(email, ip));
  }
}
