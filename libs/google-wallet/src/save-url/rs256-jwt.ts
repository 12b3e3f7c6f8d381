import { sign } from 'node:crypto';
import { privateKeyOf, type ServiceAccount } from '../service-account/service-account';

/** A compact JWS signed RS256 with the service account's key, `kid` naming that key. */
export function signRs256Jwt(serviceAccount: ServiceAccount, claims: object): string {
  const header = { alg: 'RS256', typ: 'JWT', ...(serviceAccount.privateKeyId ? { kid: serviceAccount.privateKeyId } : {}) };
  const signingInput = `${base64UrlJson(header)}.${base64UrlJson(claims)}`;
  // RSA keys sign PKCS#1 v1.5 by default, which is what RS256 means.
  const signature = sign('sha256', Buffer.from(signingInput), privateKeyOf(serviceAccount));
  return `${signingInput}.${signature.toString('base64url')}`;
}

function base64UrlJson(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
