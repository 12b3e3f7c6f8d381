import type { AppleWebServiceRpcMap } from './apple/apple-web-service.patterns';
import type { HealthRpcMap } from './health';
import type { MemberRpcMap } from './member/member.patterns';
import type { MemberPassesRpcMap } from './pass/member-passes.patterns';
import type { PassInternalRpcMap } from './pass/pass-internal.patterns';
import type { PassRpcMap } from './pass/pass.patterns';
import type { BatchRpcMap } from './pass/batch.patterns';
import type { TenantRpcMap } from './tenant/tenant.patterns';
import type { AuditLogRpcMap } from './tenant/audit-log';
import type { WebhookRpcMap } from './webhooks/webhook.patterns';
import type { InsightsRpcMap } from './insights/insights.patterns';
import type { DistributionRpcMap } from './notification/distribution.patterns';
import type { NotificationRpcMap } from './notifications/notifications.patterns';
import type { ScheduledNotificationRpcMap } from './notifications/scheduled-notifications.patterns';
import type { DoctorRpcMap } from './doctor/doctor.patterns';
import type { EnrollmentRpcMap } from './enrollment/enrollment.patterns';
import type { StoredValueRpcMap } from './member/stored-value';
import type { CouponRpcMap } from './coupons/coupon.patterns';
import type { RedemptionRpcMap } from './pass/redemption';
import type { ScanRpcMap } from './scanning/scan';
import type { ScannerRpcMap } from './scanning/scanner';

/**
 * Every request/response pattern of the fleet with its payload and result types.
 * Later services add their maps here; the typed client accepts only these names.
 */
export type RpcMap = HealthRpcMap & TenantRpcMap & MemberRpcMap & MemberPassesRpcMap & PassInternalRpcMap & PassRpcMap & BatchRpcMap & WebhookRpcMap & InsightsRpcMap & DistributionRpcMap & AppleWebServiceRpcMap & NotificationRpcMap & DoctorRpcMap & AuditLogRpcMap & EnrollmentRpcMap & ScheduledNotificationRpcMap & StoredValueRpcMap & CouponRpcMap & RedemptionRpcMap & ScanRpcMap & ScannerRpcMap;

export type Pattern = keyof RpcMap;
export type RequestOf<P extends Pattern> = RpcMap[P]['request'];
export type ResponseOf<P extends Pattern> = RpcMap[P]['response'];

import { HealthPatterns, SERVICE_NAMES, ServiceName } from './health';

const SERVICE_OF_PREFIX = new Map<string, ServiceName>(SERVICE_NAMES.map((service) => [HealthPatterns[service].split('.')[0], service]));

/** The service that answers a pattern: its first segment names it (`member.points.update` → member-data). */
export function serviceOfPattern(pattern: string): ServiceName {
  const service = SERVICE_OF_PREFIX.get(pattern.slice(0, pattern.indexOf('.')));
  if (!service) throw new Error(`pattern ${pattern} names no service`);
  return service;
}

/**
 * Mutating patterns whose handler can run a second time for the same call without applying
 * twice, because it keys its change on the call id (`ctx.callId`). When the replica that
 * committed such a call dies before answering, another replica reruns it to recover the
 * answer; any other committed call whose replica died is answered "outcome unknown".
 */
export const RERUN_SAFE_PATTERNS: ReadonlySet<string> = new Set<string>([
  'member.points.update',
  'member.balance.update',
  'member.internal.change-value',
  // Keyed on the call id (or the client's reference): a rerun finds the first purchase, redeem or scan and answers with it.
  'member.coupons.issue',
  'pass.passes.redeem',
  'pass.scan.act',
  // Keyed on the pass id member-data fixed.
  'pass.internal.create-coupon-pass',
]);
