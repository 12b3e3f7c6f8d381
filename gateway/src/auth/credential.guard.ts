import { CanActivate, ExecutionContext, Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Actor, CREDENTIALS_CHANGED_CHANNEL, DomainError, Principal, ResolveCredentialRequest, TENANT_ID_HEADER, TenantPatterns } from '@wp/contracts';
import { ACCESS_TOKEN_PATTERN, API_KEY_PATTERN, BEARER_TOKEN_PATTERN, SCANNER_TOKEN_PATTERN, sha256Hex } from '@wp/crypto';
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Presented {
  kind: CredentialKind;
  request: ResolveCredentialRequest;
}

/**
 * Resolves X-API-Key / Bearer credentials to a principal (401 when absent, 403 when invalid,
 * revoked, expired, suspended or of the wrong kind) and builds the call context that every
 * forwarded message carries. Only the SHA-256 of a secret ever leaves this process. An
 * admin or bearer token with X-Tenant-Id acts as that tenant on tenant endpoints (§8.2);
 * this is the one place that decides it, so no route or service has a case of its own.
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
    this.subscriber = new Redis(this.config.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: null, connectionName: `${this.config.WP_NAMESPACE}:gateway-credentials` });
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
    const base = { requestId: request.id, ip: request.ip, ...(request.traceparent ? { traceparent: request.traceparent } : {}) };
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

    const actor = actorOf(principal);
    const actingAs = tenantIdHeader(request);
    if (principal.kind === 'tenant' || principal.kind === 'scanner') {
      // A key (or a till's scanner) only ever speaks for its own tenant, whatever the header says.
      if (actingAs !== undefined && actingAs.toLowerCase() !== principal.tenantId) {
        throw new DomainError('forbidden', `An API key acts only for its own tenant; drop ${TENANT_ID_HEADER} or send that tenant's id`);
      }
    } else if (actingAs !== undefined) {
      if (!kinds.includes('tenant')) throw DomainError.invalid(TENANT_ID_HEADER, 'is taken only by tenant endpoints');
      // Contract §8.2: an admin or bearer token with X-Tenant-Id acts as that tenant. The
      // services see the same tenant-scoped context as for its API key; the actor stays the
      // operator, which is what the audit log and the rate limit read.
      const tenantId = await this.activeTenant(actingAs, base.requestId);
      request.principal = principal;
      request.actingAs = { tenantId };
      request.callContext = { ...base, actor, tenantId };
      return true;
    }
    if (!kinds.includes(presented.kind)) {
      throw new DomainError('forbidden', `This endpoint needs ${describe(kinds)}`);
    }

    request.principal = principal;
    request.callContext = { ...base, actor, ...(principal.kind === 'tenant' || principal.kind === 'scanner' ? { tenantId: principal.tenantId } : {}) };
    return true;
  }

  /**
   * The tenant an operator names, if it exists and is active. Looked up on every call, not
   * cached: operator calls are few, and a suspension must bite at once. An id that cannot
   * exist, an unknown one and a suspended one all answer the same 404.
   */
  private async activeTenant(id: string, requestId: string): Promise<string> {
    const notFound = DomainError.notFound('Tenant');
    if (!UUID.test(id)) throw notFound;
    const tenantId = id.toLowerCase();
    try {
      const profile = await this.rpc.send(TenantPatterns.getTenantProfile, { requestId, tenantId, actor: { kind: 'system', service: 'gateway' } }, {});
      if (profile.status !== 'active') throw notFound;
    } catch (error) {
      if (error instanceof DomainError && error.code === 'not_found') throw notFound;
      throw error;
    }
    return tenantId;
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
    if (SCANNER_TOKEN_PATTERN.test(token)) return { kind: 'scanner', request: { type: 'scanner_token', hash: sha256Hex(token) } };
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
    case 'scanner':
      return { kind: 'scanner', tenantId: principal.tenantId, scannerId: principal.scannerId };
  }
}

/** The X-Tenant-Id an operator sent; an empty header counts as none, like an empty X-API-Key. */
function tenantIdHeader(request: GatewayRequest): string | undefined {
  const value = request.headers[TENANT_ID_HEADER.toLowerCase()];
  const text = Array.isArray(value) ? value.join(',') : value;
  return text?.trim() || undefined;
}

function describe(kinds: CredentialKind[]): string {
  const names: Record<CredentialKind, string> = {
    tenant: `a tenant API key (X-API-Key), or an admin or bearer token with ${TENANT_ID_HEADER}`,
    admin: 'an admin access token',
    bearer: 'an onboarding bearer token',
    scanner: 'a scanner token (Authorization: Bearer sc_…)',
  };
  return kinds.map((k) => names[k]).join(' or ');
}
