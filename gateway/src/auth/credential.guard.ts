import { CanActivate, ExecutionContext, Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Actor, CREDENTIALS_CHANGED_CHANNEL, DomainError, Principal, ResolveCredentialRequest, TenantPatterns } from '@wp/contracts';
import { ACCESS_TOKEN_PATTERN, API_KEY_PATTERN, BEARER_TOKEN_PATTERN, sha256Hex } from '@wp/crypto';
import { RpcClient } from '@wp/messaging';
import Redis from 'ioredis';
import type { GatewayRequest } from '../core/request';
import { CONFIG, GatewayConfig, REDIS } from '../core/tokens';
import { AUTH_KINDS, CredentialKind } from './auth.decorator';
import { CredentialCache } from './credential-cache';
import { CredentialFailureLimiter } from './credential-failures';

const REJECTION_MESSAGES: Record<string, string> = {
  unknown: 'Invalid credentials',
  // The same words as an unknown key: a caller must not learn that a key once existed.
  revoked: 'Invalid credentials',
  expired: 'Credentials have expired',
  suspended: 'Tenant is suspended',
};

interface Presented {
  kind: CredentialKind;
  request: ResolveCredentialRequest;
}

/**
 * Resolves X-API-Key / Bearer credentials to a principal (401 when absent, 403 when invalid,
 * revoked, expired, suspended or of the wrong kind) and builds the call context that every
 * forwarded message carries. Only the SHA-256 of a secret ever leaves this process.
 */
@Injectable()
export class CredentialGuard implements CanActivate, OnModuleInit, OnModuleDestroy {
  private readonly cache: CredentialCache;
  private readonly failures: CredentialFailureLimiter;
  private subscriber?: Redis;

  constructor(
    private readonly reflector: Reflector,
    private readonly rpc: RpcClient,
    @Inject(CONFIG) private readonly config: GatewayConfig,
    @Inject(REDIS) redis: Redis,
  ) {
    this.cache = new CredentialCache(config.CREDENTIAL_CACHE_TTL_MS);
    this.failures = new CredentialFailureLimiter(redis, config.WP_NAMESPACE, config.AUTH_FAILURE_BURST, config.AUTH_FAILURE_PER_MIN);
  }

  async onModuleInit(): Promise<void> {
    this.subscriber = new Redis(this.config.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: null });
    await this.subscriber.connect();
    const channel = `${this.config.WP_NAMESPACE}:${CREDENTIALS_CHANGED_CHANNEL}`;
    await this.subscriber.subscribe(channel);
    this.subscriber.on('message', () => this.cache.clear());
  }

  async onModuleDestroy(): Promise<void> {
    await this.subscriber?.quit().catch(() => undefined);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<GatewayRequest>();
    const kinds = this.reflector.getAllAndOverride<CredentialKind[] | undefined>(AUTH_KINDS, [context.getHandler(), context.getClass()]);
    const base = { requestId: request.id, ip: request.ip };
    if (!kinds || kinds.length === 0) {
      request.callContext = { ...base, actor: { kind: 'anonymous' } };
      return true;
    }

    const presented = this.presented(request);
    if (!presented) {
      throw new DomainError('unauthenticated', 'Missing credentials: send X-API-Key or Authorization: Bearer <token>');
    }
    const ip = request.ip;
    const principal = await this.resolve(presented.request, base.requestId, ip);
    const rejection =
      principal.kind === 'rejected'
        ? REJECTION_MESSAGES[principal.reason]
        : (principal.kind === 'admin' || principal.kind === 'bearer') && principal.expiresAt && Date.parse(principal.expiresAt) <= Date.now()
          ? REJECTION_MESSAGES.expired
          : undefined;
    if (rejection) {
      await this.failures.fail(ip);
      throw new DomainError('forbidden', rejection);
    }
    if (principal.kind === 'rejected') throw new DomainError('forbidden', REJECTION_MESSAGES.unknown);
    if (!kinds.includes(presented.kind)) {
      throw new DomainError('forbidden', `This endpoint needs ${describe(kinds)}`);
    }

    request.principal = principal;
    request.callContext = { ...base, actor: actorOf(principal), ...(principal.kind === 'tenant' ? { tenantId: principal.tenantId } : {}) };
    return true;
  }

  private presented(request: GatewayRequest): Presented | null {
    const apiKey = request.headers['x-api-key'];
    if (typeof apiKey === 'string' && apiKey.length > 0) {
      // A malformed key is still "presented": it is invalid (403), not missing (401).
      return { kind: 'tenant', request: { type: 'api_key', hash: API_KEY_PATTERN.test(apiKey) ? sha256Hex(apiKey) : '' } };
    }
    const authorization = request.headers.authorization;
    if (typeof authorization !== 'string' || authorization.length === 0) return null;
    const [scheme, token] = authorization.split(/\s+/, 2);
    if (scheme?.toLowerCase() !== 'bearer' || !token) return { kind: 'admin', request: { type: 'access_token', hash: '' } };
    if (ACCESS_TOKEN_PATTERN.test(token)) return { kind: 'admin', request: { type: 'access_token', hash: sha256Hex(token) } };
    if (BEARER_TOKEN_PATTERN.test(token)) return { kind: 'bearer', request: { type: 'bearer_token', hash: sha256Hex(token) } };
    // e.g. the seed's `Bearer admin@walletpass.ai`: an e-mail is not a secret.
    return { kind: 'admin', request: { type: 'access_token', hash: '' } };
  }

  private async resolve(request: ResolveCredentialRequest, requestId: string, ip: string): Promise<Principal> {
    const key = `${request.type}:${request.hash}`;
    const cached = request.hash ? this.cache.get(key) : undefined;
    if (cached) return cached;
    // Only a credential this replica has not just seen costs a lookup: an address that has
    // used up its failures is refused before it (cached answers stay free on the hot path).
    await this.failures.check(ip);
    if (!request.hash) return { kind: 'rejected', reason: 'unknown' };
    const principal = await this.rpc.send(TenantPatterns.resolveCredential, { requestId, actor: { kind: 'system', service: 'gateway' } }, request);
    this.cache.set(key, principal);
    return principal;
  }
}

function actorOf(principal: Exclude<Principal, { kind: 'rejected' }>): Actor {
  switch (principal.kind) {
    case 'admin':
      return { kind: 'admin', adminId: principal.adminId };
    case 'bearer':
      return { kind: 'bearer', tokenId: principal.tokenId };
    case 'tenant':
      return { kind: 'tenant', tenantId: principal.tenantId, keyId: principal.keyId };
  }
}

function describe(kinds: CredentialKind[]): string {
  const names: Record<CredentialKind, string> = { tenant: 'a tenant API key (X-API-Key)', admin: 'an admin access token', bearer: 'an onboarding bearer token' };
  return kinds.map((k) => names[k]).join(' or ');
}
