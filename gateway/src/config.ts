import { bool, int, port, str } from '@wp/config';

/** Variables only the gateway reads, with the contract's defaults. */
export const gatewaySpec = {
  PORT: port(3000),
  HOST: str('0.0.0.0'),
  BODY_LIMIT_BYTES: int(1024 * 1024, { min: 1024 }),
  ASSET_BODY_LIMIT_BYTES: int(5 * 1024 * 1024, { min: 1024 }),
  /** How long a resolved credential is trusted without asking tenant-management again. */
  CREDENTIAL_CACHE_TTL_MS: int(1000, { min: 0, max: 60_000 }),
  RATE_LIMIT_RPS: int(100, { min: 1 }),
  RATE_LIMIT_BURST: int(1000, { min: 1 }),
  DEMO_RATE_PER_MIN: int(30, { min: 1 }),
  /** SMS short links and hosted pages (/s, /p), per client address: generous for people, a wall for enumeration. */
  LINK_RATE_PER_MIN: int(120, { min: 1 }),
  /** Enrollment form sign-ups (POST /e/{slug}) per client address: each may create a member and passes. */
  ENROLLMENT_RATE_PER_MIN: int(10, { min: 1 }),
  /** Failed credentials per client address: a burst, then this many per minute; beyond it 429 before any lookup. */
  AUTH_FAILURE_BURST: int(50, { min: 1 }),
  AUTH_FAILURE_PER_MIN: int(30, { min: 1 }),
  /** Apple's unauthenticated device log (`POST /apple/v1/log`), per client address. */
  APPLE_LOG_RATE_PER_MIN: int(60, { min: 1 }),
  IDEMPOTENCY_TTL_S: int(24 * 3600, { min: 60 }),
  TRUST_PROXY: bool(false),
  /** Worker processes sharing PORT (node:cluster); `REPLICAS=N npm start` sets N. */
  GATEWAY_WORKERS: int(1, { min: 1, max: 64 }),
};
