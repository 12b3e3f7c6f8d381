import { DomainError } from '@wp/contracts';
import type Redis from 'ioredis';
import { RequestLimiter } from '../rate-limit/request-limiter';

/**
 * A budget per client address that only failed credentials spend (AUTH_FAILURE_BURST,
 * coming back at AUTH_FAILURE_PER_MIN). Once empty, that address gets 429 before its next
 * credential is even looked up, so guessing keys costs the guesser, not an RPC and a query.
 * Shared through Redis, so every gateway replica counts the same failures.
 */
export class CredentialFailureLimiter {
  private readonly limiter: RequestLimiter;

  constructor(
    redis: Redis,
    namespace: string,
    private readonly burst: number,
    private readonly perMinute: number,
  ) {
    this.limiter = new RequestLimiter(redis, `${namespace}:rl:auth-failures`);
  }

  /** Throws 429 when this address has used up its failures. */
  async check(ip: string): Promise<void> {
    const state = await this.limiter.take(this.key(ip), this.perMinute / 60, this.burst, 0);
    if (state.remaining < 1) throw this.limited(state.reset || Math.ceil(60 / this.perMinute));
  }

  /** Counts one failure; throws 429 when it was one too many. */
  async fail(ip: string): Promise<void> {
    const state = await this.limiter.take(this.key(ip), this.perMinute / 60, this.burst, 1);
    if (!state.allowed) throw this.limited(state.retryAfter);
  }

  private key(ip: string): string {
    return ip;
  }

  private limited(retryAfter: number): DomainError {
    return new DomainError('rate_limited', `Too many failed credentials; retry in ${retryAfter} s`, undefined, retryAfter);
  }
}
