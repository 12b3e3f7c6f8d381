/** What the caller should do next with the registration that was pushed to. */
export type ApnsOutcome =
  /** APNs accepted the push (200). */
  | 'delivered'
  /** 410: the token is no longer active for the topic; delete the registration. */
  | 'unregistered'
  /** 400 BadDeviceToken: the token will never work (we only talk to production); delete the registration. */
  | 'bad-token'
  /** Transient (429, 5xx, network error, timeout): try again later with backoff. */
  | 'retry'
  /** Permanent for this request (other 4xx, TLS rejection, unusable credentials); do not retry as is. */
  | 'failed';

export interface ApnsResult {
  /** HTTP status from APNs; 0 when no response arrived (network error, timeout, TLS failure). */
  status: number;
  apnsId?: string;
  /** APNs `reason` (e.g. `Unregistered`, `BadCertificate`), or a local one: `NetworkError`, `Timeout`, `TlsError`, `InvalidCredentials`. */
  reason?: string;
  outcome: ApnsOutcome;
  /** Diagnostic error code for local failures (e.g. `ECONNREFUSED`); never carries key material. */
  detail?: string;
}

/** The Pass Type ID certificate and its key: the same pair that signs the pass. */
export interface ApnsCredentials {
  certificatePem: string;
  privateKeyPem: string;
}

export interface ApnsPushRequest {
  /** Hex push token the device sent when it registered the pass. */
  deviceToken: string;
  /** The pass type identifier, e.g. `pass.com.example.loyalty`. */
  topic: string;
  credentials: ApnsCredentials;
}

export interface ApnsClientOptions {
  /** APNS_URL. Wallet pushes are production-only, hence the default. */
  url?: string;
  /** Close a certificate's HTTP/2 session after this long without a request. */
  idleSessionMs?: number;
  /** Give up on one push (connect + response) after this long; the outcome is `retry`. */
  requestTimeoutMs?: number;
}
