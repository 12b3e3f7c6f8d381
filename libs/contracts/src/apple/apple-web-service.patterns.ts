import type { Rpc } from '../rpc';

/**
 * The Apple PassKit web service, served at PUBLIC_BASE_URL/apple/v1 by the
 * gateway and answered by pass-generation, which owns passes and their device registrations.
 */

/** Who presented a pass's token: Wallet itself, or an Android wallet app that speaks Apple's protocol. */
export type DevicePlatform = 'apple' | 'android';

/**
 * `Authorization: ApplePass <token>` (or `AndroidPass <token>`) as the gateway read it. Only
 * the token's SHA-256 crosses the transport; the service compares digests in constant time.
 */
export interface PassCredential {
  platform: DevicePlatform;
  token_sha256: string;
}

export interface ApplePassKey {
  pass_type_identifier: string;
  serial_number: string;
}

export interface RegisterDeviceRequest extends ApplePassKey {
  device_library_identifier: string;
  /** Null when the request carried no usable Authorization header (a 401). */
  credential: PassCredential | null;
  /** The JSON body as received (`{"pushToken": "..."}`); the service validates it. */
  body: unknown;
}

export interface RegisterDeviceResult {
  /** true: a new registration (Apple's 201); false: the device already had it (200). */
  created: boolean;
}

export interface UnregisterDeviceRequest extends ApplePassKey {
  device_library_identifier: string;
  credential: PassCredential | null;
}

export interface UpdatedSerialsRequest {
  device_library_identifier: string;
  pass_type_identifier: string;
  /** The `passesUpdatedSince` tag the device holds; null when it sent none (all its passes). */
  passes_updated_since: string | null;
  /** False for HEAD: look, but do not remember what the device was told. */
  record: boolean;
}

/** Empty `serial_numbers` is Apple's 204 No Matching Passes. */
export interface UpdatedSerials {
  serial_numbers: string[];
  /** Opaque to the device: the highest update tag (a database sequence value) among its passes. */
  last_updated: string;
}

export interface LatestPassRequest extends ApplePassKey {
  credential: PassCredential | null;
  if_modified_since: string | null;
  if_none_match: string | null;
}

interface LatestPassHeaders {
  /** ISO 8601; whole seconds, strictly later for every new version of the pass. */
  last_modified: string;
  etag: string;
}

export type LatestPass =
  | ({ kind: 'not_modified' } & LatestPassHeaders)
  | ({ kind: 'file'; filename: string; content_type: string; body_base64: string } & LatestPassHeaders);

export interface DeviceLogRequest {
  /** The JSON body as received (`{"logs": ["...", ...]}`). */
  body: unknown;
}

// Do not change the values: they are channel names on the Redis transport.
export const AppleWebServicePatterns = {
  register: 'pass.apple.register',
  unregister: 'pass.apple.unregister',
  updatedSerials: 'pass.apple.updated-serials',
  latestPass: 'pass.apple.latest-pass',
  log: 'pass.apple.log',
} as const;

export interface AppleWebServiceRpcMap {
  [AppleWebServicePatterns.register]: Rpc<RegisterDeviceRequest, RegisterDeviceResult>;
  [AppleWebServicePatterns.unregister]: Rpc<UnregisterDeviceRequest, { removed: boolean }>;
  [AppleWebServicePatterns.updatedSerials]: Rpc<UpdatedSerialsRequest, UpdatedSerials>;
  [AppleWebServicePatterns.latestPass]: Rpc<LatestPassRequest, LatestPass>;
  [AppleWebServicePatterns.log]: Rpc<DeviceLogRequest, { accepted: number }>;
}
