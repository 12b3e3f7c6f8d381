import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** `wp_` + 32 lowercase hex = 128 bits from the CSPRNG. */
export function generateApiKey(): string {
  return `wp_${randomBytes(16).toString('hex')}`;
}

/** `bt_` + 32 hex onboarding bearer tokens; `sc_` + 32 hex scanner tokens; `st_` admin access tokens. */
export function generateToken(prefix: 'bt' | 'sc' | 'st'): string {
  return `${prefix}_${randomBytes(prefix === 'st' ? 24 : 16).toString('hex')}`;
}

/**
 * Keys and tokens are high-entropy, so a fast SHA-256 is the right digest (OWASP bans
 * fast hashes for passwords, not for 128-bit random secrets) and lookups stay O(1).
 */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/**
 * A UUID determined by its inputs (RFC 9562 version 8, from SHA-256): the same retried
 * request names the same row, so a second insert finds the first instead of adding another.
 */
export function keyedUuid(...parts: string[]): string {
  const bytes = createHash('sha256').update(parts.join('\n'), 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x80;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** What may be shown of a key after creation: its type prefix and the first 8 characters. */
export function displayPrefix(secret: string): string {
  const underscore = secret.indexOf('_');
  return secret.slice(0, underscore + 1 + 8);
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  // Compare equal-length digests so the length of a wrong guess leaks nothing.
  const l = createHash('sha256').update(left).digest();
  const r = createHash('sha256').update(right).digest();
  return timingSafeEqual(l, r) && left.length === right.length;
}

export const API_KEY_PATTERN = /^wp_[0-9a-f]{32}$/;
export const BEARER_TOKEN_PATTERN = /^bt_[0-9a-f]{32}$/;
export const SCANNER_TOKEN_PATTERN = /^sc_[0-9a-f]{32}$/;
export const ACCESS_TOKEN_PATTERN = /^st_[0-9a-f]{48}$/;
