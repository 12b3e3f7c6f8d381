import { randomInt } from 'node:crypto';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * Base62 only: phones' link detection stops at characters such as `-` or `_` at the end
 * of a URL, and a code with no punctuation survives every SMS client intact.
 * 12 characters = 71 bits, 22 = 131 bits; each character is drawn from the CSPRNG
 * (crypto.randomInt rejects biased draws), so codes cannot be guessed or enumerated.
 */
function randomBase62(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += BASE62[randomInt(BASE62.length)];
  return out;
}

export const SHORT_CODE_LENGTH = 12;
export const PAGE_TOKEN_LENGTH = 22;
export const SHORT_CODE = new RegExp(`^[0-9A-Za-z]{${SHORT_CODE_LENGTH}}$`);
export const PAGE_TOKEN = new RegExp(`^[0-9A-Za-z]{${PAGE_TOKEN_LENGTH}}$`);

/** The code of a short link (/s/{code}). */
export function newShortCode(): string {
  return randomBase62(SHORT_CODE_LENGTH);
}

/** The token of a hosted page (/p/{token}); it also unlocks the pass file, so it is longer. */
export function newPageToken(): string {
  return randomBase62(PAGE_TOKEN_LENGTH);
}

/** Bits of entropy of a random base62 string of that length. */
export function base62Bits(length: number): number {
  return length * Math.log2(BASE62.length);
}
