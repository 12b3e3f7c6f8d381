/**
 * Domain events: written to the producer's outbox in the same transaction
 * as the change, relayed into one BullMQ queue per consuming service, handled at least once
 * and deduplicated by event id. `data` is what webhooks and the insights event log show, so
 * it uses the API's snake_case names.
 *
 * Member events carry ids, balances and tiers but never personal data (name, e-mail, phone):
 * event logs outlive a member's erasure, and consumers that need the person ask member-data.
 */

// Do not change the values: they are stored in outboxes, event logs and webhook subscriptions.
export const EVENT_TYPES = [
  'member.created',
  'member.updated',
  'member.deleted',
  'member.points_changed',
  'member.tier_changed',
  'pass.created',
  'pass.updated',
  'pass.voided',
  'pass.installed',
  'pass.uninstalled',
  'sms.sent',
  'sms.delivered',
  'sms.failed',
  'link.clicked',
  'tenant.certificate_expiring',
  'member.balance_changed',
  'pass.redeemed',
  'pass.scanned',
  'email.sent',
  'email.failed',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

export type PointsOperation = 'add' | 'subtract' | 'set';
/** What a ledger row records: a points call's operation, or a coupon bought with points (spec/API.md §8.7). */
export type LedgerOperation = PointsOperation | 'coupon_purchase' | 'coupon_refund';
/** Which balance a ledger row moves: loyalty points or stored value (minor units of the tenant's currency). */
export type LedgerKind = 'points' | 'balance';
export type MemberField = 'member_name' | 'member_email' | 'phone_number' | 'style_group_id';
export type PassType = 'apple' | 'google';
export type PassStatus = 'active' | 'blocked' | 'expired' | 'redeemed' | 'voided';
/** How a pass reached its holder, for insights' installs_by_channel. */
export type DistributionChannel = 'sms' | 'page' | 'api' | 'enrollment' | 'email';

interface MemberRef {
  /** The tenant's own member id (the one in API paths). */
  member_id: string;
  /** Member-data's internal id: stays unique when a deleted member id is registered again. */
  member_uuid: string;
  /** Grows with every change of the member: a consumer drops an event older than what it has. */
  version: number;
}

export interface MemberCreatedData extends MemberRef {
  points: number;
  tier: string;
  style_group_id: string | null;
}

export interface MemberUpdatedData extends MemberRef {
  /** Which fields changed; their values are fetched from member-data when needed. */
  changed: MemberField[];
  style_group_id: string | null;
}

/** Tells pass-generation to void every pass of the member. */
export type MemberDeletedData = MemberRef;

export interface MemberPointsChangedData extends MemberRef {
  points: number;
  previous_points: number;
  delta: number;
  tier: string;
  previous_tier: string;
  operation: LedgerOperation;
  transaction_reference: string;
}

/** Stored value moved (spec/API.md §8.7): amounts in minor units of the tenant's currency. */
export interface MemberBalanceChangedData extends MemberRef {
  balance: number;
  previous_balance: number;
  delta: number;
  operation: PointsOperation;
  transaction_reference: string;
}

export interface MemberTierChangedData extends MemberRef {
  tier: string;
  previous_tier: string;
  points: number;
  /** `points`: a points change crossed a boundary; `programme`: the tenant replaced its tiers. */
  reason: 'points' | 'programme';
}

interface PassRef {
  pass_id: string;
  pass_type: PassType;
  member_id: string | null;
}

export interface PassCreatedData extends PassRef {
  serial_number: string;
  channel: DistributionChannel;
}

export interface PassUpdatedData extends PassRef {
  status: PassStatus;
  /** What made the pass change: a member's points/tier/profile, or the pass itself. */
  cause: 'member' | 'status' | 'style' | 'notification';
}

export interface PassVoidedData extends PassRef {
  reason: 'requested' | 'member_deleted';
}

export interface PassInstalledData extends PassRef {
  /** A device registered the pass (Apple) or the holder saved the object (Google). */
  channel: DistributionChannel;
}

export type PassUninstalledData = PassRef;

/** A pass was redeemed (once; spec/API.md §8.7), through the API or at a till. */
export interface PassRedeemedData extends PassRef {
  /** The coupon the pass was issued from; null for any other pass. */
  coupon_id: string | null;
  transaction_reference: string;
  /** The scanner that redeemed it; null through the API. */
  scanner_id: string | null;
}

export type ScanAction = 'redeem' | 'points' | 'balance';

/** A scanner acted on a pass (every POST /v1/scan/{code} that succeeded). */
export interface PassScannedData extends PassRef {
  scanner_id: string;
  action: ScanAction;
  scan_id: string;
}

interface SmsRef {
  message_id: string;
  pass_id: string | null;
  member_id: string | null;
}

export interface SmsSentData extends SmsRef {
  /** The number with all but its last four digits masked. */
  to: string;
  short_code: string | null;
}

export type SmsDeliveredData = SmsRef;

export interface SmsFailedData extends SmsRef {
  error_code: string | null;
}

interface EmailRef {
  message_id: string;
  pass_id: string;
  member_id: string | null;
}

export interface EmailSentData extends EmailRef {
  /** The address with its local part masked (`a***@example.com`). */
  to: string;
  short_code: string;
}

export interface EmailFailedData extends EmailRef {
  error: string;
}

export interface LinkClickedData {
  short_code: string;
  pass_id: string | null;
  member_id: string | null;
}

/** The Apple pass certificate is 30, 14, 7 or 1 days from expiry (spec/API.md §8.3). */
export interface TenantCertificateExpiringData {
  kind: 'apple_pass_certificate';
  not_after: string;
  days_left: number;
}

export interface EventPayloads {
  'member.created': MemberCreatedData;
  'member.updated': MemberUpdatedData;
  'member.deleted': MemberDeletedData;
  'member.points_changed': MemberPointsChangedData;
  'member.tier_changed': MemberTierChangedData;
  'pass.created': PassCreatedData;
  'pass.updated': PassUpdatedData;
  'pass.voided': PassVoidedData;
  'pass.installed': PassInstalledData;
  'pass.uninstalled': PassUninstalledData;
  'sms.sent': SmsSentData;
  'sms.delivered': SmsDeliveredData;
  'sms.failed': SmsFailedData;
  'link.clicked': LinkClickedData;
  'tenant.certificate_expiring': TenantCertificateExpiringData;
  'member.balance_changed': MemberBalanceChangedData;
  'pass.redeemed': PassRedeemedData;
  'pass.scanned': PassScannedData;
  'email.sent': EmailSentData;
  'email.failed': EmailFailedData;
}

export type DomainEvent = {
  [T in EventType]: {
    /** uuid; also the BullMQ job id and the webhook-id. */
    id: string;
    type: T;
    tenantId: string;
    /** ISO 8601. */
    occurredAt: string;
    data: EventPayloads[T];
    /** W3C trace context of the change that recorded the event: its consumers' spans join that trace. */
    traceparent?: string;
  };
}[EventType];

export type EventOf<T extends EventType> = Extract<DomainEvent, { type: T }>;

/** The services that consume events, each from its own queue. */
export const EVENT_CONSUMERS = ['pass-generation', 'notification'] as const;
export type EventConsumerName = (typeof EVENT_CONSUMERS)[number];

// Do not change the values: they are BullMQ queue names (Redis keys under the fleet namespace).
export const EVENT_QUEUES = {
  'pass-generation': 'events.pass-generation',
  notification: 'events.notification',
} as const satisfies Record<EventConsumerName, string>;

/**
 * Which consumer gets which events. A consumer must handle every type listed for it (a
 * missing handler stops it at start). Pass-generation re-renders passes when what they show
 * changes and voids them on deletion, and reports its own pass changes to member-data; notification keeps the insights event log and sends
 * webhooks, so it gets everything.
 */
export const EVENT_ROUTES = {
  'pass-generation': ['member.updated', 'member.points_changed', 'member.tier_changed', 'member.balance_changed', 'member.deleted', 'pass.created', 'pass.updated', 'pass.voided'],
  notification: EVENT_TYPES,
} as const satisfies Record<EventConsumerName, readonly EventType[]>;

export type EventTypesFor<C extends EventConsumerName> = (typeof EVENT_ROUTES)[C][number];

export function consumersOf(type: EventType): EventConsumerName[] {
  return EVENT_CONSUMERS.filter((consumer) => (EVENT_ROUTES[consumer] as readonly EventType[]).includes(type));
}

// Do not change the values: BullMQ queue names of background jobs owned by one service.
export const JOB_QUEUES = {
  /** member-data: re-tier every member of a tenant after its programme was replaced. */
  memberRetier: 'member-data.retier',
  /** tenant-management: the daily check of Apple certificate expiry thresholds. */
  certificateExpiry: 'tenant-management.certificate-expiry',
} as const;
