import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { AuditLogPatterns } from '@wp/contracts';
import { RpcClient } from '@wp/messaging';
import type { GatewayRequest } from '../core/request';

/** Methods that read; everything else an operator sends as a tenant is logged. */
const READS = new Set(['GET', 'HEAD', 'OPTIONS']);
const MAX_PATH = 2048;

/**
 * Opens the audit-log entry of every change an operator makes as a tenant (contract §8.2)
 * before the change is forwarded to its service; `recordOperatorOutcomes` completes it with
 * the status. The guarantee: the entry is committed in tenant-management's database before
 * the change can start, so a change that happened is never missing from the log. If the
 * entry cannot be written, the call fails with 503 and nothing is changed. If the gateway
 * stops between the change and recording its status, the entry stays with `status: null`
 * (outcome unknown) rather than disappearing.
 *
 * Runs after the credential guard and before the rate limit, so a 429 is logged too
 * ("whatever its status"). Calls refused before their credentials are read (a body too
 * large or not JSON) and calls with bad credentials are no operator's calls and not logged.
 */
@Injectable()
export class OperatorAuditGuard implements CanActivate {
  constructor(private readonly rpc: RpcClient) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<GatewayRequest>();
    const ctx = request.callContext;
    if (!request.actingAs || !ctx || READS.has(request.method)) return true;
    const actor = ctx.actor;
    if (actor.kind !== 'admin' && actor.kind !== 'bearer') return true;
    const entry = await this.rpc.send(AuditLogPatterns.begin, ctx, {
      actor: actor.kind === 'admin' ? { type: 'admin', id: actor.adminId } : { type: 'bearer_token', id: actor.tokenId },
      tenant_id: request.actingAs.tenantId,
      method: request.method,
      path: request.url.split('?', 1)[0].slice(0, MAX_PATH),
      request_id: request.id,
    });
    request.auditEntryId = entry.id;
    return true;
  }
}
