import { KeyObject, X509Certificate, createHash, createPrivateKey } from 'node:crypto';
import { DerTag, der, encodeOid } from '../der/der.util';
import { readCertificateFields } from '../der/certificate-fields.util';
import { pemCertificatesToDer } from '../der/pem.util';
import { PkpassSigningError } from '../pkpass.errors';

/**
 * A pass signer. Treat it as immutable: derived material (parsed certificates, KeyObject,
 * the CMS layout) is cached per object and per content digest.
 */
export interface PassSigner {
  /** The Pass Type ID certificate (PEM). */
  certificatePem: string;
  /** Its RSA private key (PEM, unencrypted). */
  privateKeyPem: string;
  /** Intermediates to embed: Apple WWDR G4 for production certificates, our development CA otherwise. */
  chainPems: string[];
}

/** Everything about a signer that does not change from one pass to the next. */
export interface SignerMaterial {
  key: KeyObject;
  /** Bytes of an RSA signature for this key (the modulus length). */
  signatureLength: number;
  /** DER IssuerAndSerialNumber of the signing certificate. */
  issuerAndSerial: Buffer;
  /** DER of the signer certificate followed by the chain certificates. */
  certificates: Buffer[];
}

const MAX_CACHED_SIGNERS = 256;
const byObject = new WeakMap<PassSigner, SignerMaterial>();
// Signers are usually rebuilt per request from decrypted secrets, so identity alone misses;
// a digest of the PEMs finds the same material without keeping the PEM strings as keys.
const byDigest = new Map<string, SignerMaterial>();

export function signerMaterial(signer: PassSigner): SignerMaterial {
  const known = byObject.get(signer);
  if (known) return known;
  const digest = signerDigest(signer);
  let material = byDigest.get(digest);
  if (material) {
    byDigest.delete(digest);
  } else {
    material = buildSignerMaterial(signer);
  }
  byDigest.set(digest, material);
  if (byDigest.size > MAX_CACHED_SIGNERS) byDigest.delete(byDigest.keys().next().value as string);
  byObject.set(signer, material);
  return material;
}

function signerDigest(signer: PassSigner): string {
  const hash = createHash('sha256');
  for (const part of [signer.certificatePem, signer.privateKeyPem, ...signer.chainPems]) {
    hash.update(part);
    hash.update('\0');
  }
  return hash.digest('hex');
}

function buildSignerMaterial(signer: PassSigner): SignerMaterial {
  const [certificateDer] = pemCertificatesToDer(signer.certificatePem ?? '');
  if (!certificateDer) throw new PkpassSigningError('signer certificate is not a PEM certificate');
  let certificate: X509Certificate;
  let key: KeyObject;
  try {
    certificate = new X509Certificate(certificateDer);
  } catch {
    throw new PkpassSigningError('signer certificate cannot be parsed');
  }
  try {
    key = createPrivateKey(signer.privateKeyPem);
  } catch {
    // Never echo the key or the parser's detail: both could leak secret material.
    throw new PkpassSigningError('signer private key cannot be parsed (it must be an unencrypted PEM)');
  }
  if (key.asymmetricKeyType !== 'rsa') throw new PkpassSigningError('signer private key must be RSA');
  if (!certificate.checkPrivateKey(key)) throw new PkpassSigningError('signer private key does not match the certificate');
  const modulusLength = key.asymmetricKeyDetails?.modulusLength;
  if (!modulusLength) throw new PkpassSigningError('signer private key has no modulus length');
  const chain = signer.chainPems.flatMap((pem) => pemCertificatesToDer(pem));
  const fields = readCertificateFields(certificateDer);
  return {
    key,
    signatureLength: Math.ceil(modulusLength / 8),
    issuerAndSerial: der(DerTag.SEQUENCE, fields.issuer, fields.serialNumber),
    certificates: [certificateDer, ...chain.filter((c) => !c.equals(certificateDer))],
  };
}

export const OIDS = {
  data: encodeOid('1.2.840.113549.1.7.1'),
  signedData: encodeOid('1.2.840.113549.1.7.2'),
  contentType: encodeOid('1.2.840.113549.1.9.3'),
  messageDigest: encodeOid('1.2.840.113549.1.9.4'),
  signingTime: encodeOid('1.2.840.113549.1.9.5'),
  sha256: encodeOid('2.16.840.1.101.3.4.2.1'),
  rsaEncryption: encodeOid('1.2.840.113549.1.1.1'),
};
