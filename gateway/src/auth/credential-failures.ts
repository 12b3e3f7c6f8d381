import { DomainError } from '@wp/contracts';
import type Redis from 'ioredis';
import { TokenBucket } from '../rate-limit/token-bucket';

/**
 * A token bucket per client address that only failed credentials drain (AUTH_FAILURE_BURST,
 * refilled at AUTH_FAILURE_PER_MIN). Once empty, that address gets 429 before its next
 * credential is even looked up, so guessing keys costs the guesser, not an RPC and a query.
 * Shared through Redis, so every gateway replica counts the same failures.
 */
export class CredentialFailureLimiter {
  private readonly bucket: TokenBucket;

  constructor(
    redis: Redis,
    private readonly namespace: string,
    private readonly burst: number,
    private readonly perMinute: number,
  ) {
    this.bucket = new TokenBucket(redis);
  }

  /** Throws 429 when this address has used up its failures. */
  async check(ip: string): Promise<void> {
    const state = await this.bucket.take(this.key(ip), this.perMinute / 60, this.burst, 0);
    if (state.remaining < 1) throw this.limited(state.retryAfter || Math.ceil(60 / this.perMinute));
  }

  /** Counts one failure; throws 429 when it was one too many. */
  async fail(ip: string): Promise<void> {
    const state = await this.bucket.take(this.key(ip), this.perMinute / 60, this.burst, 1);
    if (!state.allowed) throw this.limited(state.retryAfter);
  }

  private key(ip: string): string {
    return `${this.namespace}:rl:auth-failures:${ip}`;
  }

  private limited(retryAfter: number): DomainError {
    return new DomainError('rate_limited', `Too many failed credentials; retry in ${retryAfter} s`, undefined, retryAfter);
  }
}
