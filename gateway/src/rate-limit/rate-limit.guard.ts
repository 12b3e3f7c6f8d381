import { CanActivate, ExecutionContext, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '@wp/contracts';
import type { FastifyReply } from 'fastify';
import Redis from 'ioredis';
import type { GatewayRequest } from '../core/request';
import { CONFIG, GatewayConfig, REDIS } from '../core/tokens';
import { RequestLimiter } from './request-limiter';

export const RATE_LIMIT = 'wp:rate-limit';

/** Config keys of per-address limits, in requests per minute. */
export type PerAddressLimitKey = 'DEMO_RATE_PER_MIN' | 'LINK_RATE_PER_MIN' | 'APPLE_LOG_RATE_PER_MIN' | 'ENROLLMENT_RATE_PER_MIN';

/** A per-client-address limit for unauthenticated routes, e.g. /demo, or the SMS links /s and /p. */
export const PerAddressLimit = (perMinuteConfigKey: PerAddressLimitKey) => SetMetadata(RATE_LIMIT, perMinuteConfigKey);

/**
 * Per-tenant request budgets (100 req/s, burst 1,000 by default). Admin and bearer callers
 * get a bucket of their own, except when they act as a tenant; public routes that opt in are limited per client address.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly limiter: RequestLimiter;

  constructor(
    private readonly reflector: Reflector,
    @Inject(REDIS) redis: Redis,
    @Inject(CONFIG) private readonly config: GatewayConfig,
  ) {
    this.limiter = new RequestLimiter(redis, `${config.WP_NAMESPACE}:rl`);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<GatewayRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const perAddress = this.reflector.get<PerAddressLimitKey | undefined>(RATE_LIMIT, context.getHandler());

    let key: string;
    let rate: number;
    let burst: number;
    if (perAddress) {
      const perMinute = this.config[perAddress];
      key = `addr:${context.getHandler().name}:${request.ip}`;
      rate = perMinute / 60;
      burst = perMinute;
    } else {
      const actor = request.callContext?.actor;
      if (!actor || actor.kind === 'anonymous' || actor.kind === 'system' || actor.kind === 'device') return true;
      // An operator acting as a tenant (X-Tenant-Id) spends that tenant's bucket: the call
      // is the tenant's, and an operator's script must not exceed what its own key may do.
      const tenantId = request.callContext?.tenantId;
      const id = tenantId
        ? `tenant:${tenantId}`
        : actor.kind === 'tenant' || actor.kind === 'scanner'
          ? `tenant:${actor.tenantId}`
          : actor.kind === 'admin'
            ? `admin:${actor.adminId}`
            : `bearer:${actor.tokenId}`;
      key = id;
      rate = this.config.RATE_LIMIT_RPS;
      burst = this.config.RATE_LIMIT_BURST;
    }

    const result = await this.limiter.take(key, rate, burst);
    void reply.header('x-ratelimit-limit', String(result.limit));
    void reply.header('x-ratelimit-remaining', String(result.remaining));
    void reply.header('x-ratelimit-reset', String(result.reset));
    if (!result.allowed) {
      throw new DomainError('rate_limited', `Rate limit exceeded; retry in ${result.retryAfter} s`, undefined, result.retryAfter);
    }
    return true;
  }
}
