import type { CallContext, Principal } from '@wp/contracts';
import type { FastifyRequest } from 'fastify';

type Granted = Exclude<Principal, { kind: 'rejected' }>;

/** What the gateway learns about a request before a handler runs. */
export interface GatewayRequest extends FastifyRequest {
  principal?: Granted;
  callContext?: CallContext;
}
