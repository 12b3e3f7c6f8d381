import type { PassCredential } from '@wp/contracts';
import { sha256Hex } from '@wp/crypto';

// Apple: the literal word `ApplePass`, one space, the token. Android wallet apps that speak
// Apple's protocol send `AndroidPass` instead; scheme names are case-insensitive in HTTP.
const PASS_AUTHORIZATION = /^(ApplePass|AndroidPass)[ \t]+([\x21-\x7e]{1,256})$/i;

/**
 * The pass credential of a web-service request, or null when there is none to check (the
 * service then answers 401). Only the token's SHA-256 leaves the gateway.
 */
export function passCredentialOf(authorization: string | string[] | undefined): PassCredential | null {
  if (typeof authorization !== 'string') return null;
  const match = PASS_AUTHORIZATION.exec(authorization.trim());
  if (!match) return null;
  return { platform: match[1].toLowerCase() === 'androidpass' ? 'android' : 'apple', token_sha256: sha256Hex(match[2]) };
}
