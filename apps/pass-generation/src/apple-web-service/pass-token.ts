import type { PassCredential } from '@wp/contracts';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const SHA256_HEX = /^[0-9a-f]{64}$/;
// Compared against when no pass matched, so an unknown serial costs the same as a wrong token.
const NO_PASS = randomBytes(32).toString('base64url');

/**
 * Whether the presented `ApplePass`/`AndroidPass` credential carries the pass's
 * authenticationToken. The gateway sends only the token's SHA-256; both digests are
 * compared in constant time, and a missing pass or credential still does the comparison.
 */
export function tokenMatches(authenticationToken: string | null, credential: PassCredential | null): boolean {
  const expected = createHash('sha256').update(authenticationToken ?? NO_PASS).digest();
  const wellFormed = credential !== null && SHA256_HEX.test(credential.token_sha256);
  const presented = wellFormed ? Buffer.from(credential.token_sha256, 'hex') : Buffer.alloc(32);
  const equal = timingSafeEqual(expected, presented);
  return equal && wellFormed && authenticationToken !== null;
}
