import { X509Certificate } from 'node:crypto';
import { generateDevelopmentSigner } from './development-signer.factory';
import { parseAppleCredentials } from './apple-credentials.parser';

describe('generateDevelopmentSigner', () => {
  const signer = generateDevelopmentSigner({ organizationName: 'Acme Wallet' });

  it('issues a pass certificate from a local "WalletPass Development CA"', () => {
    const ca = new X509Certificate(signer.caCertificatePem);
    const leaf = new X509Certificate(signer.certificatePem);
    expect(ca.subject).toContain('CN=WalletPass Development CA');
    expect(ca.ca).toBe(true);
    expect(leaf.checkIssued(ca)).toBe(true);
    expect(leaf.verify(ca.publicKey)).toBe(true);
    expect(leaf.ca).toBe(false);
    expect(ca.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(signer.chainPems).toEqual([signer.caCertificatePem]);
  });

  it('names the pass type and team in the certificate, as Apple does', () => {
    expect(parseAppleCredentials({ certificate_pem: signer.certificatePem, private_key_pem: signer.privateKeyPem })).toMatchObject({
      passTypeIdentifier: 'pass.dev.walletpass',
      teamIdentifier: 'DEVTEAM01',
    });
    expect(signer).toMatchObject({ passTypeIdentifier: 'pass.dev.walletpass', teamIdentifier: 'DEVTEAM01' });
    expect(new X509Certificate(signer.certificatePem).subject).toContain('O=Acme Wallet');
  });

  it('makes a new authority every time', () => {
    expect(generateDevelopmentSigner().caCertificatePem).not.toBe(signer.caCertificatePem);
  });
});
