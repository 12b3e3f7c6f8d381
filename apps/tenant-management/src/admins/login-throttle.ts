import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@wp/contracts';
import { sha256Hex } from '@wp/crypto';
import { CONFIG, REDIS } from '@wp/service-runtime';
import Redis from 'ioredis';
import { setTimeout as delay } from 'node:timers/promises';
import type { TenantManagementConfig } from '../tokens';

/**
 * Brute-force brake on admin logins, per e-mail and client address (by default 10 failures
 * per 15 min). Each failure answers more slowly than the last; past the limit, 429.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(CONFIG) private readonly config: TenantManagementConfig,
  ) {}

  private key(email: string, ip: string | undefined): string {
    return `${this.config.WP_NAMESPACE}:login-failures:${sha256Hex(email)}:${ip ?? 'unknown'}`;
  }

  async assertAllowed(email: string, ip: string | undefined): Promise<void> {
    const key = this.key(email, ip);
    const [failures, ttl] = await Promise.all([this.redis.get(key), this.redis.ttl(key)]);
    if (Number(failures ?? 0) >= this.config.LOGIN_MAX_FAILURES) {
      throw new DomainError('rate_limited', 'Too many failed logins; try again later', undefined, Math.max(1, ttl));
    }
  }

  /** Records a failure and waits longer the more failures there were. */
  async fail(email: string, ip: string | undefined): Promise<void> {
    const key = this.key(email, ip);
    const failures = await this.redis.incr(key);
    if (failures === 1) await this.redis.expire(key, this.config.LOGIN_WINDOW_S);
    await delay(Math.min(100 * 2 ** (failures - 1), this.config.LOGIN_MAX_DELAY_MS));
  }

  async succeed(email: string, ip: string | undefined): Promise<void> {
    await this.redis.del(this.key(email, ip));
  }
}
