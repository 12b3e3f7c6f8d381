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
  /** Save URL of the member's Google pass; null when the tenant has no Google credentials. */
  google_save_url: string | null;
}

/** A signed file, carried as base64 over the transport. */
export interface PassFile {
  filename: string;
  content_type: string;
  body_base64: string;
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
} as const;

export interface PassInternalRpcMap {
  [PassInternalPatterns.ensureMemberPass]: Rpc<{ member_id: string; pass_type: PassType; channel: DistributionChannel }, PassSummary>;
  [PassInternalPatterns.getPass]: Rpc<{ pass_id: string }, PassSummary>;
  [PassInternalPatterns.hostedPage]: Rpc<{ pass_id: string }, HostedPassModel>;
  [PassInternalPatterns.appleBundle]: Rpc<{ pass_id: string; channel: DistributionChannel }, PassFile>;
}
