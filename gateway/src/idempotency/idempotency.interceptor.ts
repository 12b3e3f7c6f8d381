import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError, ERROR_STATUS } from '@wp/contracts';
import { SecretBox, sha256Hex } from '@wp/crypto';
import type { FastifyReply } from 'fastify';
import Redis from 'ioredis';
import { Readable } from 'node:stream';
import { Observable, catchError, finalize, from, mergeMap, of, tap, throwError } from 'rxjs';
import { ReplayedResponse, errorBody } from '../core/error-mapping';
import type { GatewayRequest } from '../core/request';
import { RAW_RESPONSE } from '../core/response.decorators';
import { CONFIG, GatewayConfig, REDIS } from '../core/tokens';

interface Record_ {
  state: 'running' | 'done';
  fingerprint: string;
  status?: number;
  body?: unknown;
}

/** Extends the "running" marker only while it is still this request's (a finished record is never touched). */
const RENEW_RUNNING = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;

/** How long a "running" marker outlives the RPC deadline of the request that set it. */
const RUNNING_MARGIN_MS = 5_000;

/**
 * `Idempotency-Key` on mutating POSTs: the same key and body
 * replays the first response; another body is 422; a retry while the first is running is
 * 409. Keys are scoped to the caller (tenant or admin) and kept 24 h. Responses that say
 * nothing about the outcome (5xx: the service may not have run) are not kept, so a retry
 * can go through.
 *
 * A gateway that dies mid-request leaves its "running" marker behind. The marker lives for
 * the RPC deadline plus a margin and is renewed while the request runs, so it expires only
 * when no call of that request can still commit (a service refuses to commit after the
 * deadline). The retry that then goes through carries the same hashed key to the service
 * (`ctx.idempotencyKey`), which keys its change on it and so finds the first call's result
 * instead of applying it twice.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly box: SecretBox;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(CONFIG) private readonly config: GatewayConfig,
    private readonly reflector: Reflector,
  ) {
    this.box = new SecretBox(config.masterKey, config.masterKeyId);
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<GatewayRequest>();
    const header = request.headers['idempotency-key'];
    if (request.method !== 'POST' || header === undefined) return next.handle();
    // Handlers that write the reply themselves (a .pkpasses file, Apple's and Twilio's
    // callbacks) leave no body to record or replay; those POSTs are safe to run again as they
    // are, so a retry with the key simply runs again.
    if (this.reflector.getAllAndOverride<boolean>(RAW_RESPONSE, [context.getHandler(), context.getClass()])) return next.handle();
    const key = Array.isArray(header) ? header[0] : header;
    if (!key || key.length > 255) {
      return throwError(() => DomainError.invalid('Idempotency-Key', 'must be 1 to 255 characters'));
    }
    const actor = request.callContext?.actor;
    // Scoped to the tenant, also when an operator acts as it: one key never replays across tenants.
    const tenantId = request.callContext?.tenantId;
    const scope = tenantId ? `tenant:${tenantId}` : actor?.kind === 'tenant' ? `tenant:${actor.tenantId}` : actor?.kind === 'admin' ? `admin:${actor.adminId}` : actor?.kind === 'bearer' ? `bearer:${actor.tokenId}` : `addr:${request.ip}`;
    const scoped = sha256Hex(`${scope}\n${key}`);
    const redisKey = `${this.config.WP_NAMESPACE}:idem:${scope}:${sha256Hex(key)}`;
    // A streamed body (a CSV import) is not read yet: the key then stands for the request as a whole.
    const body = request.body instanceof Readable ? 'stream' : JSON.stringify(request.body ?? null);
    const fingerprint = sha256Hex(`${request.method} ${request.url}\n${body}`);
    const ttl = this.config.IDEMPOTENCY_TTL_S;
    const reply = context.switchToHttp().getResponse<FastifyReply>();

    const running = JSON.stringify({ state: 'running', fingerprint } satisfies Record_);
    const runningMs = this.config.RPC_TIMEOUT_MS + RUNNING_MARGIN_MS;

    return from(this.redis.set(redisKey, running, 'PX', runningMs, 'NX')).pipe(
      mergeMap((claimed) => {
        if (claimed) {
          if (request.callContext) request.callContext.idempotencyKey = scoped;
          const renewal = setInterval(() => void this.redis.eval(RENEW_RUNNING, 1, redisKey, running, runningMs).catch(() => undefined), runningMs / 3);
          return next.handle().pipe(
            finalize(() => clearInterval(renewal)),
            tap((body) => void this.save(redisKey, { state: 'done', fingerprint, status: reply.statusCode, body }, ttl)),
            catchError((error: unknown) => {
              const status = error instanceof DomainError ? ERROR_STATUS[error.code] : 500;
              const save =
                error instanceof DomainError && status < 500 && status !== 429
                  ? this.save(redisKey, { state: 'done', fingerprint, status, body: errorBody({ status, message: error.message, errors: error.errors }, request.id) }, ttl)
                  : this.redis.del(redisKey);
              return from(save).pipe(mergeMap(() => throwError(() => error)));
            }),
          );
        }
        return from(this.redis.get(redisKey)).pipe(
          mergeMap((raw) => {
            const existing = raw ? this.open(redisKey, raw) : null;
            if (!existing) return throwError(() => new DomainError('conflict', 'A request with this Idempotency-Key is in progress; retry shortly'));
            if (existing.fingerprint !== fingerprint) {
              return throwError(() => new DomainError('unprocessable', 'This Idempotency-Key was used with a different request'));
            }
            if (existing.state === 'running') {
              return throwError(() => new DomainError('conflict', 'A request with this Idempotency-Key is in progress; retry shortly'));
            }
            void reply.header('idempotent-replayed', 'true');
            if ((existing.status ?? 200) >= 400) return throwError(() => new ReplayedResponse(existing.status ?? 400, existing.body));
            return of(existing.body);
          }),
        );
      }),
    );
  }

  private async save(key: string, record: Record_, ttl: number): Promise<void> {
    await this.redis.set(key, this.box.seal(JSON.stringify(record), key), 'EX', ttl);
  }

  /**
   * Recorded responses can hold secrets shown once (an onboarding API key), so they rest in
   * Redis sealed under MASTER_KEY, bound to their own key. The "running" marker is plain.
   */
  private open(key: string, raw: string): Record_ {
    return (raw.startsWith('{') ? JSON.parse(raw) : JSON.parse(this.box.openText(raw, key))) as Record_;
  }
}
