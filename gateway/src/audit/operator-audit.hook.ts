import { AuditLogPatterns } from '@wp/contracts';
import type { RpcClient } from '@wp/messaging';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { GatewayRequest } from '../core/request';

/**
 * Completes an operator's audit-log entry with the status of the answer, whatever produced
 * it (handler, validation, exception filter, rate limit). It runs on send and is awaited,
 * so by the time the caller reads the answer the log shows its status. A failure here is
 * logged and the answer still goes out: the change has happened, and its entry already
 * exists (see OperatorAuditGuard), only without a status.
 */
export function recordOperatorOutcomes(fastify: FastifyInstance, rpc: RpcClient, logger: Logger): void {
  fastify.addHook('onSend', async (request, reply, payload) => {
    const { auditEntryId, callContext } = request as GatewayRequest;
    if (auditEntryId && callContext) {
      try {
        await rpc.send(AuditLogPatterns.finish, callContext, { id: auditEntryId, status: reply.statusCode });
      } catch (error) {
        logger.error({ request_id: request.id, audit_entry: auditEntryId, err: error }, 'could not record the status of an operator change');
      }
    }
    return payload;
  });
}
