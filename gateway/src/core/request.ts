import type { CallContext, Principal } from '@wp/contracts';
import type { FastifyRequest } from 'fastify';

type Granted = Exclude<Principal, { kind: 'rejected' }>;

/** What the gateway learns about a request before a handler runs. */
export interface GatewayRequest extends FastifyRequest {
  principal?: Granted;
  callContext?: CallContext;
  /** Set when an admin or bearer token acts as a tenant through X-Tenant-Id. */
  actingAs?: { tenantId: string };
  /** The audit-log entry of an operator's change, completed with the status on send. */
  auditEntryId?: string;
  /** W3C traceparent of this request's server span (absent when tracing is off): every RPC it makes joins that trace. */
  traceparent?: string;
}
