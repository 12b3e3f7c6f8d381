import type { DevicePlatform } from '../apple/apple-web-service.patterns';
import type { DistributionChannel, PassStatus, PassType } from '../events';
import type { Rpc } from '../rpc';

/** A pass as other services need to know it. */
export interface PassSummary {
  pass_id: string;
  pass_type: PassType;
  member_id: string | null;
  status: PassStatus;
  serial_number: string;
  created_at: string;
  /** `/v1/passes/{id}/download` */
  download_url: string;
  /** Apple: the download URL; Google: the save URL. */
  pass_url: string | null;
}

/** What the hosted Add to Wallet page shows for a pass (notification renders it). */
export interface HostedPassModel {
  pass_id: string;
  company_name: string;
  member_id: string | null;
  member_name: string | null;
  points: number | null;
  tier: string | null;
  status: PassStatus;
  colors: { background: string; foreground: string; label: string };
  logo_png_base64: string | null;
  /** The .pkpass of the member's Apple pass can be served (always true: dev signing is the fallback). */
  apple_available: boolean;
  /** Who signs that .pkpass: `development` is the platform certificate, which Wallet will not add. */
  apple_signing: 'production' | 'development';
  /** Save URL of the member's Google pass; null when the tenant has no Google credentials. */
  google_save_url: string | null;
}

/** How a tenant's passes look before any exists: the enrollment form wears it. */
export interface BrandLook {
  company_name: string;
  colors: { background: string; foreground: string; label: string };
  logo_png_base64: string | null;
  /** The tenant has Google Wallet credentials, so Google passes can be made. */
  google_available: boolean;
}

/** A signed file, carried as base64 over the transport. */
export interface PassFile {
  filename: string;
  content_type: string;
  body_base64: string;
}

/** A device registered for a pass through the Apple web service. */
export interface PushDevice {
  device_library_identifier: string;
  push_token: string;
  platform: DevicePlatform;
}

/**
 * Who to tell that a pass has a new version, and with which certificate: the Pass Type ID
 * certificate and key that sign the pass (the tenant's, or the platform's development one)
 * are also the APNs client certificate, and the pass type id is the topic.
 */
export interface PushTargets {
  pass_id: string;
  version: number;
  /** When `version` was made (the pass's Last-Modified), ISO 8601: a registration's catch-up push compares it with the install. */
  version_made_at: string;
  /** The pass type identifier; null for a Google pass (nothing to push through APNs). */
  topic: string | null;
  credentials: { certificate_pem: string; private_key_pem: string } | null;
  devices: PushDevice[];
}

export interface PushTargetsRequest {
  pass_id: string;
  /**
   * false: the caller already holds the tenant's APNs certificate (a burst of fan-outs then
   * costs no certificate look-up each); `credentials` comes back null. Default true.
   */
  credentials?: boolean;
}

/** APNs said the token is dead for the topic (410 Unregistered, 400 BadDeviceToken). */
/** What APNs answered one device for one version, for the trace. */
export interface PushOutcomeRecord {
  pass_id: string;
  version: number;
  device_library_identifier: string;
  status_code: number;
  reason?: string;
  apns_id?: string;
  duration_ms: number;
}

export interface DropRegistrationsRequest {
  push_token: string;
  topic: string;
  reason: 'unregistered' | 'bad_token';
}

/** A message now shown on a pass (Apple: the new version that carries it). */
export interface ShownMessage {
  pass_id: string;
  pass_type: PassType;
  version: number | null;
}

// Do not change the values: they are channel names on the Redis transport.
// Internal: the gateway never routes public paths here.
export const PassInternalPatterns = {
  /** The member's active pass of that type, created (with the given channel) when there is none. */
  ensureMemberPass: 'pass.internal.ensure-member-pass',
  getPass: 'pass.internal.get',
  hostedPage: 'pass.internal.hosted-page',
  /** The signed .pkpass of an Apple pass (the same bytes as the download). */
  appleBundle: 'pass.internal.apple-bundle',
  /** Notification, on pass.updated: the pass's version, APNs topic and credentials, and its registered devices. */
  pushTargets: 'pass.internal.push-targets',
  /** Notification, after APNs refused a token: forget the registrations that use it for that topic. */
  dropRegistrations: 'pass.internal.drop-registrations',
  /** Notification, after each APNs answer: one apns_push step of the pass's trace. */
  recordPush: 'pass.internal.record-push',
  /** Notification, for delivered pushes: many apns_push steps in one call (a burst's answers, gathered for a moment). */
  recordPushes: 'pass.internal.record-pushes',
  /** The live passes a message goes to: one pass, or every active pass of a member. */
  messageTargets: 'pass.internal.message-targets',
  /** Shows a message on a pass: Apple, a back field with a changeMessage (a new version); Google, addMessage. */
  showMessage: 'pass.internal.show-message',
  /** The look a new member's pass would get (style group for 0 points, else the default style): enrollment forms wear it. */
  brandLook: 'pass.internal.brand-look',
} as const;

export interface PassInternalRpcMap {
  [PassInternalPatterns.ensureMemberPass]: Rpc<{ member_id: string; pass_type: PassType; channel: DistributionChannel }, PassSummary>;
  [PassInternalPatterns.getPass]: Rpc<{ pass_id: string }, PassSummary>;
  [PassInternalPatterns.hostedPage]: Rpc<{ pass_id: string }, HostedPassModel>;
  [PassInternalPatterns.appleBundle]: Rpc<{ pass_id: string; channel: DistributionChannel }, PassFile>;
  [PassInternalPatterns.pushTargets]: Rpc<PushTargetsRequest, PushTargets>;
  [PassInternalPatterns.dropRegistrations]: Rpc<DropRegistrationsRequest, { removed: number }>;
  [PassInternalPatterns.recordPush]: Rpc<PushOutcomeRecord, { recorded: true }>;
  [PassInternalPatterns.recordPushes]: Rpc<{ pushes: PushOutcomeRecord[] }, { recorded: number }>;
  [PassInternalPatterns.messageTargets]: Rpc<{ pass_id?: string; member_id?: string }, PassSummary[]>;
  [PassInternalPatterns.showMessage]: Rpc<{ pass_id: string; message: string; message_id: string }, ShownMessage>;
  [PassInternalPatterns.brandLook]: Rpc<{ style_group_id: string | null }, BrandLook>;
}
