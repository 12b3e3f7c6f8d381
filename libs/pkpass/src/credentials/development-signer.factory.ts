import { createCertificateAuthority, issuePassTypeCertificate } from './certificate-issuer';

export interface DevelopmentSigner {
  caCertificatePem: string;
  certificatePem: string;
  privateKeyPem: string;
  chainPems: string[];
  passTypeIdentifier: string;
  teamIdentifier: string;
}

export const DEVELOPMENT_PASS_TYPE_IDENTIFIER = 'pass.dev.walletpass';
export const DEVELOPMENT_TEAM_IDENTIFIER = 'DEVTEAM01';

/**
 * The platform's own signer for tenants without an Apple certificate: a local
 * "WalletPass Development CA" and a Pass Type ID style certificate it issues. Wallet will not
 * trust these passes (they are not under Apple's root), but every byte of the bundle is
 * built and signed exactly as in production, so the whole pipeline can be exercised.
 * Made once at first start; the caller stores the result encrypted. The CA key is discarded.
 */
export function generateDevelopmentSigner(opts: { organizationName?: string } = {}): DevelopmentSigner {
  const organizationName = opts.organizationName ?? 'WalletPass Development';
  const ca = createCertificateAuthority({ commonName: 'WalletPass Development CA', organizationName });
  const leaf = issuePassTypeCertificate(ca, {
    passTypeIdentifier: DEVELOPMENT_PASS_TYPE_IDENTIFIER,
    teamIdentifier: DEVELOPMENT_TEAM_IDENTIFIER,
    organizationName,
  });
  return {
    caCertificatePem: ca.certificatePem,
    certificatePem: leaf.certificatePem,
    privateKeyPem: leaf.privateKeyPem,
    chainPems: [ca.certificatePem],
    passTypeIdentifier: DEVELOPMENT_PASS_TYPE_IDENTIFIER,
    teamIdentifier: DEVELOPMENT_TEAM_IDENTIFIER,
  };
}
