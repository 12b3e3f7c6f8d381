/**
 * Google Wallet ids are "{issuerId}.{identifier}". The identifier may hold only
 * alphanumerics, '.', '_' and '-', so anything else is replaced
 * with '_'. Callers should feed stable ids (UUIDs, slugs): two suffixes differing only
 * in disallowed characters would map to the same id.
 */
export function googleResourceId(issuerId: string, suffix: string): string {
  assertIssuerId(issuerId);
  const identifier = sanitizeIdentifier(suffix);
  return `${issuerId}.${identifier}`;
}

export function sanitizeIdentifier(suffix: string): string {
  const identifier = suffix.trim().replace(/[^A-Za-z0-9._-]/g, '_');
  if (identifier === '') {
    throw new RangeError('Google Wallet id suffix must not be empty.');
  }
  return identifier;
}

/** The issuer id Google shows in the Pay & Wallet Console is a decimal number. */
export function assertIssuerId(issuerId: string): void {
  if (!/^\d+$/.test(issuerId)) {
    throw new RangeError('Google Wallet issuer id must be the numeric id from the Pay & Wallet Console.');
  }
}
