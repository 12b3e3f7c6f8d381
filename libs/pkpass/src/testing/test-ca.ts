import {
  IssuedCertificate,
  createCertificateAuthority,
  issuePassTypeCertificate,
} from '../credentials/certificate-issuer';
import type { PassSigner } from '../cms/signer-material';

export type TestCa = IssuedCertificate;

export interface TestPassCertificate extends PassSigner {
  passTypeIdentifier: string;
  teamIdentifier: string;
}

/** A throw-away certification authority standing in for Apple (root and WWDR in one). */
export function createTestCa(commonName = 'WalletPass Test CA'): TestCa {
  return createCertificateAuthority({ commonName, organizationName: 'WalletPass Tests', validFor: { days: 30 } });
}

/** A Pass Type ID certificate issued by `ca`, ready to sign with (`chainPems` holds the CA). */
export function issuePassCertificate(
  ca: TestCa,
  opts: { passTypeIdentifier: string; teamIdentifier: string; organizationName?: string; notBefore?: Date; notAfter?: Date },
): TestPassCertificate {
  const issued = issuePassTypeCertificate(ca, opts);
  return {
    certificatePem: issued.certificatePem,
    privateKeyPem: issued.privateKeyPem,
    chainPems: [ca.certificatePem],
    passTypeIdentifier: opts.passTypeIdentifier,
    teamIdentifier: opts.teamIdentifier,
  };
}
