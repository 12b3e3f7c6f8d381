import type { AppleSigningCredentials, GoogleWalletCredentials, TenantDoctorCheckView } from '@wp/contracts';
import { GoogleCredentialError, parseServiceAccount } from '@wp/google-wallet';
import { appleWwdrG4Pem } from '@wp/pkpass';
import { X509Certificate, createPrivateKey } from 'node:crypto';

type Check = TenantDoctorCheckView;
const DAY_MS = 86_400_000;
export const EXPIRY_WARNING_DAYS = 30;

const ok = (code: string, message: string): Check => ({ code, status: 'ok', message });
const warning = (code: string, message: string): Check => ({ code, status: 'warning', message });
const error = (code: string, message: string): Check => ({ code, status: 'error', message });

let wwdr: X509Certificate | undefined;

/**
 * The Apple checks of GET /v1/doctor/tenant (spec/API.md §8.3). Messages name dates and
 * identifiers, which are public parts of a certificate; never a key or a passphrase.
 */
export function checkAppleCredentials(apple: AppleSigningCredentials | null, now: Date): Check[] {
  if (!apple) {
    return [warning('apple_certificate_present', 'No Apple Pass Type ID certificate is stored; passes are signed by the development signer and will not open on a device. Upload one with PUT /v1/tenant/apple.')];
  }
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(apple.certificatePem);
  } catch {
    return [error('apple_certificate_present', 'The stored Apple certificate cannot be read. Upload it again with PUT /v1/tenant/apple.')];
  }
  const checks: Check[] = [ok('apple_certificate_present', `An Apple certificate is stored (${certificate.subject.replace(/\n/g, ', ')}).`)];
  const notAfter = new Date(certificate.validTo);
  const daysLeft = Math.floor((notAfter.getTime() - now.getTime()) / DAY_MS);
  if (daysLeft < 0) {
    checks.push(error('apple_certificate_not_expired', `The certificate expired on ${notAfter.toISOString()}; devices refuse passes signed with it. Create a new Pass Type ID certificate and upload it.`));
  } else if (daysLeft < EXPIRY_WARNING_DAYS) {
    checks.push(warning('apple_certificate_not_expired', `The certificate expires on ${notAfter.toISOString()} (${daysLeft} days left). Renew it at developer.apple.com and upload the new one.`));
  } else {
    checks.push(ok('apple_certificate_not_expired', `The certificate is valid until ${notAfter.toISOString()} (${daysLeft} days left).`));
  }
  checks.push(keyMatches(certificate, apple.privateKeyPem));
  const subject = subjectFields(certificate);
  checks.push(
    subject.UID === apple.passTypeIdentifier
      ? ok('apple_pass_type_id_matches', `The certificate is for ${apple.passTypeIdentifier}, the stored pass type id.`)
      : error('apple_pass_type_id_matches', `The stored pass type id is ${apple.passTypeIdentifier} but the certificate is for ${subject.UID ?? 'no pass type id'}. Upload them together again.`),
    subject.OU === apple.teamIdentifier
      ? ok('apple_team_id_matches', `The certificate belongs to team ${apple.teamIdentifier}, the stored team id.`)
      : error('apple_team_id_matches', `The stored team id is ${apple.teamIdentifier} but the certificate belongs to ${subject.OU ?? 'no team'}. Upload them together again.`),
  );
  checks.push(issuerCheck(certificate));
  return checks;
}

export function checkGoogleCredentials(google: GoogleWalletCredentials | null): Check[] {
  if (!google) {
    return [warning('google_service_account_parses', 'No Google Wallet credentials are stored; Google passes answer 422. Upload them with PUT /v1/tenant/google.')];
  }
  const checks: Check[] = [];
  try {
    const account = parseServiceAccount(google.serviceAccountJson);
    checks.push(ok('google_service_account_parses', `The service account ${account.clientEmail} parses and has a private key.`));
  } catch (failure) {
    const reason = failure instanceof GoogleCredentialError ? failure.message : 'it is not a service account JSON key';
    checks.push(error('google_service_account_parses', `The stored service account is unusable: ${reason}. Upload a new JSON key with PUT /v1/tenant/google.`));
  }
  checks.push(
    google.issuerId && /^\d+$/.test(google.issuerId)
      ? ok('google_issuer_id_set', `The issuer id is ${google.issuerId}.`)
      : error('google_issuer_id_set', 'The Google Wallet issuer id is not set (it is the number shown in the Google Pay & Wallet console). Upload it with PUT /v1/tenant/google.'),
  );
  return checks;
}

function keyMatches(certificate: X509Certificate, privateKeyPem: string): Check {
  try {
    if (certificate.checkPrivateKey(createPrivateKey(privateKeyPem))) return ok('apple_private_key_matches', 'The stored private key belongs to the certificate.');
  } catch {
    // reported below, without the parser's detail (it could quote key material)
  }
  return error('apple_private_key_matches', 'The stored private key does not belong to the certificate. Upload the certificate with its own key.');
}

function issuerCheck(certificate: X509Certificate): Check {
  wwdr ??= new X509Certificate(appleWwdrG4Pem);
  let byG4 = false;
  try {
    byG4 = certificate.checkIssued(wwdr) && certificate.verify(wwdr.publicKey);
  } catch {
    byG4 = false;
  }
  return byG4
    ? ok('apple_issuer_wwdr_g4', 'The certificate was issued by Apple WWDR G4.')
    : error('apple_issuer_wwdr_g4', `The certificate was issued by ${certificate.issuer.replace(/\n/g, ', ')}, not Apple WWDR G4; Wallet will not trust its passes. Create the certificate at developer.apple.com.`);
}

function subjectFields(certificate: X509Certificate): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const line of certificate.subject.split('\n')) {
    const at = line.indexOf('=');
    if (at > 0) fields[line.slice(0, at)] ??= line.slice(at + 1);
  }
  return fields;
}
