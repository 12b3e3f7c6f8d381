import type { CallContext } from '@wp/contracts';

/** The context of work the service does on its own (events, background sync) inside one tenant. */
export function systemContext(tenantId: string, requestId: string): CallContext {
  return { requestId, tenantId, actor: { kind: 'system', service: 'pass-generation' } };
}
