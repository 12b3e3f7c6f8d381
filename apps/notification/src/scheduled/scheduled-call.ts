import type { CallContext } from '@wp/contracts';

/** The context of the calls a scheduled send makes on its tenant's behalf; the request id names the send in every service's logs. */
export const scheduledCall = (tenantId: string, scheduleId: string): CallContext => ({
  requestId: `scheduled:${scheduleId}`,
  tenantId,
  actor: { kind: 'system', service: 'notification' },
});
