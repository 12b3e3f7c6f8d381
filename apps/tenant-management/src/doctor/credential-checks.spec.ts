import { X509Certificate } from 'node:crypto';
import { createTestCa, issuePassCertificate } from '@wp/pkpass/testing';
import { checkAppleCredentials, checkGoogleCredentials } from './credential-checks';

const DAY = 86_400_000;

describe('tenant credential checks', () => {
  const ca = createTestCa();
  const certificate = issuePassCertificate(ca, { passTypeIdentifier: 'pass.example.tenant', teamIdentifier: 'TEAMT0001' });
  const other = issuePassCertificate(ca, { passTypeIdentifier: 'pass.example.other', teamIdentifier: 'TEAMT0002' });
  const stored = { ...certificate, expiresAt: '' };

  const statuses = (checks: Array<{ code: string; status: string }>) => Object.fromEntries(checks.map((c) => [c.code, c.status]));

  it('a matching test certificate passes everything but the WWDR G4 issuer, and no check echoes the key', () => {
    const checks = checkAppleCredentials(stored, new Date());
    expect(statuses(checks)).toEqual({
      apple_certificate_present: 'ok',
      apple_certificate_not_expired: 'ok',
      apple_private_key_matches: 'ok',
      apple_pass_type_id_matches: 'ok',
      apple_team_id_matches: 'ok',
      apple_issuer_wwdr_g4: 'error',
    });
    const text = JSON.stringify(checks);
    expect(text).not.toMatch(/PRIVATE KEY|BEGIN CERTIFICATE/);
    expect(text).not.toContain(certificate.privateKeyPem.split('\n')[1]);
  });

  it('warns under 30 days, fails when expired, and names a foreign key and mismatched ids', () => {
    const notAfter = Date.parse(new X509Certificate(certificate.certificatePem).validTo);
    expect(statuses(checkAppleCredentials(stored, new Date(notAfter - 10 * DAY))).apple_certificate_not_expired).toBe('warning');
    expect(checkAppleCredentials(stored, new Date(notAfter - 10 * DAY)).find((c) => c.code === 'apple_certificate_not_expired')?.message).toContain('10 days left');
    expect(statuses(checkAppleCredentials(stored, new Date(notAfter + DAY))).apple_certificate_not_expired).toBe('error');
    const mixed = statuses(checkAppleCredentials({ ...stored, privateKeyPem: other.privateKeyPem, passTypeIdentifier: 'pass.example.x', teamIdentifier: 'X' }, new Date()));
    expect(mixed).toMatchObject({ apple_private_key_matches: 'error', apple_pass_type_id_matches: 'error', apple_team_id_matches: 'error' });
  });

  it('absent credentials are warnings; a broken service account and a missing issuer id are errors', () => {
    expect(statuses(checkAppleCredentials(null, new Date()))).toEqual({ apple_certificate_present: 'warning' });
    expect(statuses(checkGoogleCredentials(null))).toEqual({ google_service_account_parses: 'warning' });
    expect(statuses(checkGoogleCredentials({ issuerId: '', serviceAccountJson: { type: 'service_account' } }))).toEqual({
      google_service_account_parses: 'error',
      google_issuer_id_set: 'error',
    });
  });
});
