import { verify, type KeyObject } from 'node:crypto';

export const WALLET_SCOPE = 'https://www.googleapis.com/auth/wallet_object.issuer';
// google-auth-library signs `aud` = the API's root URL when no scope is used.
const WALLET_AUDIENCE = 'https://walletobjects.googleapis.com/';
// Google refuses self-signed JWTs that live longer than an hour.
const MAX_LIFETIME_S = 3600;
const CLOCK_SKEW_S = 300;

export interface TrustedServiceAccount {
  clientEmail: string;
  publicKey: KeyObject;
  privateKeyId?: string;
}

export type BearerCheck =
  | { ok: true; clientEmail: string; claims: Record<string, unknown> }
  | { ok: false; status: 401 | 403; reason: string; message: string };

/**
 * Checks `Authorization: Bearer <jwt>` the way Google checks a service account's
 * self-signed JWT: RS256 over the account's registered public key, iss = sub = the
 * account e-mail, unexpired, and either the wallet scope (useJWTAccessWithScope) or the
 * API audience. A token from Google's token endpoint is not a JWT and fails here.
 */
export function verifyBearer(
  authorization: string | undefined,
  trusted: ReadonlyMap<string, TrustedServiceAccount>,
  nowSeconds: number,
): BearerCheck {
  const token = /^Bearer (\S+)$/i.exec(authorization ?? '')?.[1];
  if (!token) return unauthenticated('required', 'Request is missing required authentication credential.');

  const parts = token.split('.');
  if (parts.length !== 3) return unauthenticated('authError', 'Bearer is not a JWT.');
  const [encodedHeader, encodedClaims, encodedSignature] = parts;
  const header = decodeJson(encodedHeader);
  const claims = decodeJson(encodedClaims);
  if (!header || !claims) return unauthenticated('authError', 'Bearer JWT is not decodable.');
  if (header['alg'] !== 'RS256') return unauthenticated('authError', 'Bearer JWT must be signed RS256.');

  const issuer = typeof claims['iss'] === 'string' ? claims['iss'] : '';
  const account = trusted.get(issuer);
  if (!account) return unauthenticated('authError', `No service account ${issuer || '(none)'} is registered.`);
  if (header['kid'] !== undefined && account.privateKeyId !== undefined && header['kid'] !== account.privateKeyId) {
    return unauthenticated('authError', 'Bearer JWT names an unknown key id.');
  }
  const signatureValid = verify(
    'sha256',
    Buffer.from(`${encodedHeader}.${encodedClaims}`),
    account.publicKey,
    Buffer.from(encodedSignature, 'base64url'),
  );
  if (!signatureValid) return unauthenticated('authError', 'Bearer JWT signature does not verify.');
  if (claims['sub'] !== issuer) return unauthenticated('authError', 'Bearer JWT sub must equal iss.');

  const issuedAt = claims['iat'];
  const expiresAt = claims['exp'];
  if (typeof issuedAt !== 'number' || typeof expiresAt !== 'number') {
    return unauthenticated('authError', 'Bearer JWT needs numeric iat and exp.');
  }
  if (expiresAt <= nowSeconds) return unauthenticated('authError', 'Bearer JWT has expired.');
  if (issuedAt > nowSeconds + CLOCK_SKEW_S) return unauthenticated('authError', 'Bearer JWT is issued in the future.');
  if (expiresAt - issuedAt > MAX_LIFETIME_S) return unauthenticated('authError', 'Bearer JWT lives longer than an hour.');

  const scopes = typeof claims['scope'] === 'string' ? claims['scope'].split(' ') : [];
  if (!scopes.includes(WALLET_SCOPE) && claims['aud'] !== WALLET_AUDIENCE) {
    return {
      ok: false,
      status: 403,
      reason: 'ACCESS_TOKEN_SCOPE_INSUFFICIENT',
      message: 'Request had insufficient authentication scopes.',
    };
  }
  return { ok: true, clientEmail: issuer, claims };
}

function unauthenticated(reason: string, message: string): BearerCheck {
  return { ok: false, status: 401, reason, message };
}

function decodeJson(segment: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
