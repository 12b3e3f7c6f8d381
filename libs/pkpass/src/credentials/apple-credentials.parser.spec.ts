import { X509Certificate, createPrivateKey } from 'node:crypto';
import forge from 'node-forge';
import { TestCa, TestPassCertificate, createTestCa, issuePassCertificate } from '../testing';
import { AppleCredentialError } from './apple-credential.error';
import { parseAppleCredentials } from './apple-credentials.parser';

function credentialError(run: () => unknown): AppleCredentialError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppleCredentialError);
    return error as AppleCredentialError;
  }
  throw new Error('expected an AppleCredentialError');
}

describe('parseAppleCredentials', () => {
  let ca: TestCa;
  let pass: TestPassCertificate;
  let other: TestPassCertificate;

  beforeAll(() => {
    ca = createTestCa();
    pass = issuePassCertificate(ca, { passTypeIdentifier: 'pass.com.example.coffee', teamIdentifier: 'TEAM123456', organizationName: 'Example Coffee' });
    other = issuePassCertificate(ca, { passTypeIdentifier: 'pass.com.example.other', teamIdentifier: 'TEAM999999' });
  });

  it('reads pass type and team from the certificate subject (UID and OU)', () => {
    const parsed = parseAppleCredentials({ certificate_pem: pass.certificatePem, private_key_pem: pass.privateKeyPem });
    expect(parsed).toMatchObject({
      passTypeIdentifier: 'pass.com.example.coffee',
      teamIdentifier: 'TEAM123456',
      subject: 'UID=pass.com.example.coffee, CN=Pass Type ID: pass.com.example.coffee, OU=TEAM123456, O=Example Coffee',
      chainPems: [],
      issuedByAppleWwdrG4: false,
    });
    expect(parsed.expiresAt.getTime()).toBe(new Date(new X509Certificate(pass.certificatePem).validTo).getTime());
    expect(createPrivateKey(parsed.privateKeyPem).asymmetricKeyType).toBe('rsa');
  });

  it('keeps extra certificates of a PEM bundle as the chain and finds the leaf by its key', () => {
    const parsed = parseAppleCredentials({ certificate_pem: `${ca.certificatePem}${pass.certificatePem}`, private_key_pem: pass.privateKeyPem });
    expect(new X509Certificate(parsed.certificatePem).fingerprint256).toBe(new X509Certificate(pass.certificatePem).fingerprint256);
    expect(parsed.chainPems.map((pem) => new X509Certificate(pem).fingerprint256)).toEqual([new X509Certificate(ca.certificatePem).fingerprint256]);
  });

  it('accepts a key and certificate in one PEM text', () => {
    const parsed = parseAppleCredentials({ certificate_pem: `${pass.certificatePem}\n${pass.privateKeyPem}` });
    expect(parsed.passTypeIdentifier).toBe('pass.com.example.coffee');
  });

  it('decrypts an encrypted key with its passphrase, and names the passphrase when it is wrong or missing', () => {
    const encrypted = createPrivateKey(pass.privateKeyPem)
      .export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'correct horse' })
      .toString();
    expect(parseAppleCredentials({ certificate_pem: pass.certificatePem, private_key_pem: encrypted, passphrase: 'correct horse' }).teamIdentifier).toBe(
      'TEAM123456',
    );
    const wrong = credentialError(() =>
      parseAppleCredentials({ certificate_pem: pass.certificatePem, private_key_pem: encrypted, passphrase: 'battery staple' }),
    );
    expect(wrong.field).toBe('passphrase');
    expect(wrong.message).not.toContain('battery staple');
    expect(credentialError(() => parseAppleCredentials({ certificate_pem: pass.certificatePem, private_key_pem: encrypted })).field).toBe('passphrase');
  });

  it('rejects a key that belongs to another certificate', () => {
    const error = credentialError(() => parseAppleCredentials({ certificate_pem: pass.certificatePem, private_key_pem: other.privateKeyPem }));
    expect(error).toMatchObject({ field: 'private_key_pem', message: 'the private key does not match the certificate' });
  });

  it('rejects an expired certificate and one not yet valid', () => {
    const expired = issuePassCertificate(ca, {
      passTypeIdentifier: 'pass.com.example.old',
      teamIdentifier: 'TEAMOLD',
      notBefore: new Date('2020-01-01T00:00:00Z'),
      notAfter: new Date('2021-01-01T00:00:00Z'),
    });
    const error = credentialError(() => parseAppleCredentials({ certificate_pem: expired.certificatePem, private_key_pem: expired.privateKeyPem }));
    expect(error).toMatchObject({ field: 'certificate_pem', message: 'the certificate expired on 2021-01-01T00:00:00.000Z' });
    const future = issuePassCertificate(ca, {
      passTypeIdentifier: 'pass.com.example.new',
      teamIdentifier: 'TEAMNEW',
      notBefore: new Date(Date.now() + 86_400_000),
      notAfter: new Date(Date.now() + 2 * 86_400_000),
    });
    expect(credentialError(() => parseAppleCredentials({ certificate_pem: future.certificatePem, private_key_pem: future.privateKeyPem })).message).toMatch(
      /not valid before/,
    );
  });

  it('rejects a certificate without a pass type identifier', () => {
    const error = credentialError(() => parseAppleCredentials({ certificate_pem: ca.certificatePem, private_key_pem: ca.privateKeyPem }));
    expect(error.field).toBe('certificate_pem');
    expect(error.message).toMatch(/no pass type identifier/);
  });

  it('names the field of malformed input without echoing it', () => {
    const secret = '-----BEGIN PRIVATE KEY-----\nTOPSECRETMATERIAL\n-----END PRIVATE KEY-----';
    const badKey = credentialError(() => parseAppleCredentials({ certificate_pem: pass.certificatePem, private_key_pem: secret }));
    expect(badKey.field).toBe('private_key_pem');
    expect(badKey.message).not.toContain('TOPSECRET');
    expect(credentialError(() => parseAppleCredentials({ certificate_pem: 'hello', private_key_pem: pass.privateKeyPem })).field).toBe('certificate_pem');
    expect(credentialError(() => parseAppleCredentials({})).field).toBe('certificate_pem');
    expect(credentialError(() => parseAppleCredentials({ certificate_pem: pass.certificatePem })).field).toBe('private_key_pem');
    expect(credentialError(() => parseAppleCredentials({ p12_base64: 'not base64 at all!' })).field).toBe('p12_base64');
    expect(credentialError(() => parseAppleCredentials({ p12_base64: Buffer.from('garbage').toString('base64') })).field).toBe('p12_base64');
  });

  it('reads a PKCS#12 file and names the passphrase when it does not open it', () => {
    const p12 = forge.pkcs12.toPkcs12Asn1(
      forge.pki.privateKeyFromPem(pass.privateKeyPem),
      [forge.pki.certificateFromPem(pass.certificatePem), forge.pki.certificateFromPem(ca.certificatePem)],
      'p12 secret',
      { algorithm: '3des' },
    );
    const p12Base64 = forge.util.encode64(forge.asn1.toDer(p12).getBytes());
    const parsed = parseAppleCredentials({ p12_base64: p12Base64, passphrase: 'p12 secret' });
    expect(parsed.passTypeIdentifier).toBe('pass.com.example.coffee');
    expect(parsed.chainPems).toHaveLength(1);
    const wrong = credentialError(() => parseAppleCredentials({ p12_base64: p12Base64, passphrase: 'nope' }));
    expect(wrong).toMatchObject({ field: 'passphrase', message: 'the passphrase does not open the PKCS#12 file' });
    expect(credentialError(() => parseAppleCredentials({ p12_base64: p12Base64, certificate_pem: pass.certificatePem })).field).toBe('p12_base64');
  });
});
