import { generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';

export interface IssuedCertificate {
  certificatePem: string;
  /** Unencrypted PKCS#8 PEM. */
  privateKeyPem: string;
}

export interface CertificateAuthorityOptions {
  commonName: string;
  organizationName: string;
  validFor?: { days: number };
}

export interface PassCertificateOptions {
  passTypeIdentifier: string;
  teamIdentifier: string;
  organizationName?: string;
  notBefore?: Date;
  notAfter?: Date;
}

const OID_USER_ID = '0.9.2342.19200300.100.1.1';
const DAY_MS = 86_400_000;
// A minute of slack so a certificate issued now is valid on a peer whose clock lags a little.
const CLOCK_SKEW_MS = 60_000;

/**
 * An RSA-2048 certification authority (keys from node:crypto, X.509 from forge): self-signed,
 * or an intermediate when `issuer` is given (the shape of Apple root → WWDR G4).
 */
export function createCertificateAuthority(options: CertificateAuthorityOptions, issuer?: IssuedCertificate): IssuedCertificate {
  const keys = rsaKeyPair();
  const subject = [
    { shortName: 'CN', value: options.commonName },
    { shortName: 'O', value: options.organizationName },
  ];
  const notBefore = new Date(Date.now() - CLOCK_SKEW_MS);
  const notAfter = new Date(notBefore.getTime() + (options.validFor?.days ?? 365 * 20) * DAY_MS);
  const issuerCertificate = issuer ? forge.pki.certificateFromPem(issuer.certificatePem) : undefined;
  const certificate = baseCertificate(keys.publicKey, subject, issuerCertificate ? issuerOf(issuerCertificate) : subject, notBefore, notAfter);
  certificate.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
    ...(issuerCertificate
      ? [{ name: 'authorityKeyIdentifier', keyIdentifier: issuerCertificate.generateSubjectKeyIdentifier().getBytes() }]
      : []),
  ]);
  const signingKey = issuer ? forge.pki.privateKeyFromPem(issuer.privateKeyPem) : keys.privateKey;
  certificate.sign(signingKey, forge.md.sha256.create());
  return { certificatePem: forge.pki.certificateToPem(certificate), privateKeyPem: keys.privateKeyPem };
}

/**
 * A Pass Type ID style certificate issued by `ca`: subject UID is the pass type identifier and
 * OU the team identifier, the way Apple lays out real ones.
 */
export function issuePassTypeCertificate(ca: IssuedCertificate, options: PassCertificateOptions): IssuedCertificate {
  const keys = rsaKeyPair();
  const caCertificate = forge.pki.certificateFromPem(ca.certificatePem);
  const caKey = forge.pki.privateKeyFromPem(ca.privateKeyPem);
  const subject = [
    { type: OID_USER_ID, value: options.passTypeIdentifier },
    { shortName: 'CN', value: `Pass Type ID: ${options.passTypeIdentifier}` },
    { shortName: 'OU', value: options.teamIdentifier },
    { shortName: 'O', value: options.organizationName ?? options.teamIdentifier },
  ];
  const notBefore = options.notBefore ?? new Date(Date.now() - CLOCK_SKEW_MS);
  const notAfter = options.notAfter ?? new Date(notBefore.getTime() + 365 * 10 * DAY_MS);
  const certificate = baseCertificate(keys.publicKey, subject, issuerOf(caCertificate), notBefore, notAfter);
  certificate.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, critical: true },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: caCertificate.generateSubjectKeyIdentifier().getBytes() },
  ]);
  certificate.sign(caKey, forge.md.sha256.create());
  return { certificatePem: forge.pki.certificateToPem(certificate), privateKeyPem: keys.privateKeyPem };
}

function rsaKeyPair(): { publicKey: forge.pki.rsa.PublicKey; privateKey: forge.pki.rsa.PrivateKey; privateKeyPem: string } {
  // Native key generation: forge's pure-JS RSA-2048 generation takes seconds.
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return {
    publicKey: forge.pki.publicKeyFromPem(publicKey),
    privateKey: forge.pki.privateKeyFromPem(privateKey),
    privateKeyPem: privateKey,
  };
}

type NameInput = Array<{ shortName?: string; type?: string; value: string } | forge.pki.CertificateField>;

function baseCertificate(
  publicKey: forge.pki.rsa.PublicKey,
  subject: NameInput,
  issuer: NameInput,
  notBefore: Date,
  notAfter: Date,
): forge.pki.Certificate {
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = publicKey;
  certificate.serialNumber = positiveSerial();
  certificate.validity.notBefore = notBefore;
  certificate.validity.notAfter = notAfter;
  certificate.setSubject(subject.map(utf8Attribute));
  certificate.setIssuer(issuer.map(utf8Attribute));
  return certificate;
}

/**
 * The CA's subject, to be written back as the issuer. forge hands parsed UTF8String values
 * back as raw UTF-8 bytes but encodes them again on write, so they are decoded first.
 */
function issuerOf(caCertificate: forge.pki.Certificate): NameInput {
  return caCertificate.subject.attributes.map((attribute) => ({
    type: attribute.type,
    value:
      Number(attribute.valueTagClass) === forge.asn1.Type.UTF8 ? forge.util.decodeUtf8(String(attribute.value)) : String(attribute.value),
  }));
}

function utf8Attribute(attribute: NameInput[number]): forge.pki.CertificateField {
  // UTF8String keeps non-ASCII organisation names intact (forge defaults to PrintableString).
  return { ...attribute, valueTagClass: forge.asn1.Type.UTF8 } as unknown as forge.pki.CertificateField;
}

function positiveSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] & 0x7f) | 0x01;
  return bytes.toString('hex');
}
