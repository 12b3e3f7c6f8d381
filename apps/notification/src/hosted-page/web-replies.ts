import type { CallContext, WebReply } from '@wp/contracts';
import { renderNotFoundPage } from '@wp/hosted-page';

/** Unknown, malformed and dead links all look the same: nothing tells a prober which codes exist. */
export function notFoundReply(): WebReply {
  return { kind: 'html', status: 404, html: renderNotFoundPage() };
}

/**
 * Public routes arrive without a tenant; the link or page row names it. Calls to other
 * services then act inside that tenant, as notification itself (not as the anonymous visitor).
 */
export function tenantCall(ctx: CallContext, tenantId: string): CallContext {
  return { requestId: ctx.requestId, ip: ctx.ip, actor: { kind: 'system', service: 'notification' }, tenantId };
}
