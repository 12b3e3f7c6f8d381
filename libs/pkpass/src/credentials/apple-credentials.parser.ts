import { KeyObject, X509Certificate, createPrivateKey } from 'node:crypto';
import {
  CertificateFields,
  OID_ORGANIZATIONAL_UNIT,
  OID_USER_ID,
  formatName,
  nameValue,
  readCertificateFields,
} from '../der/certificate-fields.util';
import { derToPemCertificate, pemCertificatesToDer } from '../der/pem.util';
import { AppleCredentialError, AppleCredentialField } from './apple-credential.error';
import { appleWwdrG4Pem } from './apple-wwdr-g4.certificate';
import { readPkcs12 } from './pkcs12.reader';

export interface AppleCredentialsInput {
  certificate_pem?: string;
  private_key_pem?: string;
  p12_base64?: string;
  passphrase?: string;
}

export interface AppleCredentials {
  certificatePem: string;
  /** Unencrypted PKCS#8 PEM, ready for signing (store it encrypted). */
  privateKeyPem: string;
  chainPems: string[];
  passTypeIdentifier: string;
  teamIdentifier: string;
  expiresAt: Date;
  subject: string;
  /** True when Apple WWDR G4 signed the certificate; otherwise Wallet will likely refuse the passes. */
  issuedByAppleWwdrG4: boolean;
}

interface Source {
  certificates: Buffer[];
  key: KeyObject;
  certificateField: AppleCredentialField;
  keyField: AppleCredentialField;
}

let wwdrG4: X509Certificate | undefined;

/**
 * Validates a tenant's Pass Type ID certificate and key, given as PEMs or as a PKCS#12 file,
 * and returns them normalised for signing. Throws AppleCredentialError naming the field.
 */
export function parseAppleCredentials(input: AppleCredentialsInput): AppleCredentials {
  const source = present(input.p12_base64) ? fromPkcs12(input) : fromPem(input);
  const { certificateField, keyField, key } = source;
  if (key.asymmetricKeyType !== 'rsa') {
    throw new AppleCredentialError(keyField, 'the private key must be an RSA key, as Apple issues for Pass Type IDs');
  }
  const certificates = source.certificates.map((der) => parseCertificate(der, certificateField));
  const leaf = certificates.find((certificate) => matches(certificate, key));
  if (!leaf) throw new AppleCredentialError(keyField, 'the private key does not match the certificate');

  const fields = certificateFields(leaf, certificateField);
  const now = Date.now();
  if (fields.notAfter.getTime() <= now) {
    throw new AppleCredentialError(certificateField, `the certificate expired on ${fields.notAfter.toISOString()}`);
  }
  if (fields.notBefore.getTime() > now) {
    throw new AppleCredentialError(certificateField, `the certificate is not valid before ${fields.notBefore.toISOString()}`);
  }
  const passTypeIdentifier = nameValue(fields.subject, OID_USER_ID);
  const teamIdentifier = nameValue(fields.subject, OID_ORGANIZATIONAL_UNIT);
  if (!passTypeIdentifier) {
    throw new AppleCredentialError(certificateField, 'the certificate has no pass type identifier (subject UID): is it a Pass Type ID certificate?');
  }
  if (!teamIdentifier) {
    throw new AppleCredentialError(certificateField, 'the certificate has no team identifier (subject OU): is it a Pass Type ID certificate?');
  }

  const chain = certificates.filter((certificate) => certificate !== leaf);
  const issuedByAppleWwdrG4 = isIssuedByWwdrG4(leaf);
  const chainPems = chain.map((certificate) => derToPemCertificate(certificate.raw));
  if (issuedByAppleWwdrG4 && !chain.some((certificate) => certificate.raw.equals(wwdr().raw))) chainPems.push(appleWwdrG4Pem);
  return {
    certificatePem: derToPemCertificate(leaf.raw),
    privateKeyPem: key.export({ type: 'pkcs8', format: 'pem' }).toString(),
    chainPems,
    passTypeIdentifier,
    teamIdentifier,
    expiresAt: fields.notAfter,
    subject: formatName(fields.subject),
    issuedByAppleWwdrG4,
  };
}

function fromPkcs12(input: AppleCredentialsInput): Source {
  if (present(input.certificate_pem) || present(input.private_key_pem)) {
    throw new AppleCredentialError('p12_base64', 'send either p12_base64 or certificate_pem with private_key_pem, not both');
  }
  const contents = readPkcs12(input.p12_base64 ?? '', input.passphrase ?? '');
  if (contents.certificates.length === 0) throw new AppleCredentialError('p12_base64', 'the PKCS#12 file holds no certificate');
  if (contents.keys.length === 0) throw new AppleCredentialError('p12_base64', 'the PKCS#12 file holds no private key');
  const keys = contents.keys.map(({ der, format }) => {
    try {
      return createPrivateKey({ key: der, format: 'der', type: format });
    } catch {
      throw new AppleCredentialError('p12_base64', 'the private key in the PKCS#12 file cannot be read');
    }
  });
  // A file may carry several keys; prefer the one that belongs to one of its certificates.
  const key = keys.find((candidate) => contents.certificates.some((der) => matches(tryCertificate(der), candidate))) ?? keys[0];
  return { certificates: contents.certificates, key, certificateField: 'p12_base64', keyField: 'p12_base64' };
}

function fromPem(input: AppleCredentialsInput): Source {
  if (!present(input.certificate_pem)) {
    throw new AppleCredentialError('certificate_pem', 'certificate_pem (or p12_base64) is required');
  }
  const certificates = pemCertificatesToDer(input.certificate_pem);
  if (certificates.length === 0) throw new AppleCredentialError('certificate_pem', 'certificate_pem is not a PEM certificate');
  // A combined PEM (certificate and key in one text) is accepted too.
  const keyText = present(input.private_key_pem)
    ? input.private_key_pem
    : /PRIVATE KEY-----/.test(input.certificate_pem)
      ? input.certificate_pem
      : undefined;
  if (!keyText) throw new AppleCredentialError('private_key_pem', 'private_key_pem is required with certificate_pem');
  return { certificates, key: parsePrivateKey(keyText, input.passphrase), certificateField: 'certificate_pem', keyField: 'private_key_pem' };
}

function parsePrivateKey(pem: string, passphrase: string | undefined): KeyObject {
  const block = /-----BEGIN ((?:ENCRYPTED |RSA |EC )?PRIVATE KEY)-----[\s\S]+?-----END \1-----/.exec(pem)?.[0];
  if (!block) throw new AppleCredentialError('private_key_pem', 'private_key_pem is not a PEM private key');
  const encrypted = block.startsWith('-----BEGIN ENCRYPTED') || /Proc-Type:\s*4,ENCRYPTED/.test(block);
  if (encrypted && !present(passphrase)) {
    throw new AppleCredentialError('passphrase', 'the private key is encrypted: a passphrase is required');
  }
  try {
    return createPrivateKey(encrypted ? { key: block, format: 'pem', passphrase } : { key: block, format: 'pem' });
  } catch {
    // The parser's own message is dropped on purpose: nothing from the key reaches the caller.
    if (encrypted) throw new AppleCredentialError('passphrase', 'the passphrase does not decrypt the private key');
    throw new AppleCredentialError('private_key_pem', 'private_key_pem cannot be read as a private key');
  }
}

function parseCertificate(der: Buffer, field: AppleCredentialField): X509Certificate {
  const certificate = tryCertificate(der);
  if (!certificate) throw new AppleCredentialError(field, 'a certificate cannot be parsed');
  return certificate;
}

function certificateFields(certificate: X509Certificate, field: AppleCredentialField): CertificateFields {
  try {
    return readCertificateFields(certificate.raw);
  } catch {
    throw new AppleCredentialError(field, 'the certificate subject or validity cannot be read');
  }
}

function tryCertificate(der: Buffer): X509Certificate | undefined {
  try {
    return new X509Certificate(der);
  } catch {
    return undefined;
  }
}

function matches(certificate: X509Certificate | undefined, key: KeyObject): boolean {
  if (!certificate) return false;
  try {
    return certificate.checkPrivateKey(key);
  } catch {
    return false;
  }
}

function wwdr(): X509Certificate {
  wwdrG4 ??= new X509Certificate(appleWwdrG4Pem);
  return wwdrG4;
}

function isIssuedByWwdrG4(certificate: X509Certificate): boolean {
  try {
    return certificate.checkIssued(wwdr()) && certificate.verify(wwdr().publicKey);
  } catch {
    return false;
  }
}

function present(value: string | undefined): value is string {
  return typeof value === 'string' && value.trim() !== '';
}
