import * as asn1js from 'asn1js';
import { X509Certificate } from 'node:crypto';
import * as pkijs from 'pkijs';

const OID_SIGNED_DATA = '1.2.840.113549.1.7.2';
const OID_MESSAGE_DIGEST = '1.2.840.113549.1.9.4';
const OID_USER_ID = '0.9.2342.19200300.100.1.1';
const OID_ORGANIZATIONAL_UNIT = '2.5.4.11';
const DIGESTS: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};
const SHORT_NAMES: Record<string, string> = {
  [OID_USER_ID]: 'UID',
  '2.5.4.3': 'CN',
  [OID_ORGANIZATIONAL_UNIT]: 'OU',
  '2.5.4.10': 'O',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
};

/** A certificate in both forms: Node's for crypto and validity, pkijs's for the name. */
export interface CmsCertificate {
  x509: X509Certificate;
  subject: string;
  issuer: string;
  /** The subject's UID (Apple puts the pass type id there). */
  userId?: string;
  /** The subject's OU (Apple puts the team id there). */
  organizationalUnit?: string;
}

export interface CmsSignature {
  certificates: CmsCertificate[];
  /** The certificate named by the SignerInfo, when the signature embeds it. */
  signer?: CmsCertificate;
  /** Node's name of the digest algorithm, or undefined when it is not one Wallet uses. */
  digest?: string;
  /** DER of the signed attributes as signed (tag SET), when there are any. */
  signedAttributes?: Buffer;
  /** The messageDigest signed attribute. */
  messageDigest?: Buffer;
  signatureValue: Buffer;
}

export class CmsParseError extends Error {}

/**
 * Parses the detached CMS SignedData of a pass with pkijs/asn1js. Anything that is not a
 * well-formed SignedData with one signer is a CmsParseError; nothing else escapes.
 */
export function readCmsSignature(bytes: Buffer): CmsSignature {
  try {
    const asn1 = asn1js.fromBER(new Uint8Array(bytes));
    if (asn1.offset === -1) throw new CmsParseError('the signature file is not DER-encoded data');
    const contentInfo = new pkijs.ContentInfo({ schema: asn1.result });
    if (contentInfo.contentType !== OID_SIGNED_DATA) throw new CmsParseError('the signature file is not a CMS SignedData');
    const signedData = new pkijs.SignedData({ schema: contentInfo.content });
    const [signerInfo] = signedData.signerInfos;
    if (!signerInfo) throw new CmsParseError('the signature has no signer');
    const certificates = (signedData.certificates ?? [])
      .filter((item): item is pkijs.Certificate => item instanceof pkijs.Certificate)
      .map(toCmsCertificate);
    const signerIndex = (signedData.certificates ?? [])
      .filter((item): item is pkijs.Certificate => item instanceof pkijs.Certificate)
      .findIndex((certificate) => isSigner(certificate, signerInfo.sid));
    const attributes = signerInfo.signedAttrs;
    const digestAttribute = attributes?.attributes.find((attribute) => attribute.type === OID_MESSAGE_DIGEST);
    const digestValue = digestAttribute?.values[0];
    return {
      certificates,
      signer: signerIndex >= 0 ? certificates[signerIndex] : undefined,
      digest: DIGESTS[signerInfo.digestAlgorithm.algorithmId],
      signedAttributes: attributes ? Buffer.from(attributes.encodedValue) : undefined,
      messageDigest: digestValue instanceof asn1js.OctetString ? Buffer.from(digestValue.valueBlock.valueHexView) : undefined,
      signatureValue: Buffer.from(signerInfo.signature.valueBlock.valueHexView),
    };
  } catch (error) {
    if (error instanceof CmsParseError) throw error;
    throw new CmsParseError(`the signature is not a readable CMS SignedData (${(error as Error).message})`);
  }
}

function isSigner(certificate: pkijs.Certificate, sid: unknown): boolean {
  if (!(sid instanceof pkijs.IssuerAndSerialNumber)) return false;
  return certificate.serialNumber.isEqual(sid.serialNumber) && certificate.issuer.isEqual(sid.issuer);
}

function toCmsCertificate(certificate: pkijs.Certificate): CmsCertificate {
  const der = Buffer.from(certificate.toSchema().toBER(false));
  return {
    x509: new X509Certificate(der),
    subject: formatName(certificate.subject),
    issuer: formatName(certificate.issuer),
    userId: nameValue(certificate.subject, OID_USER_ID),
    organizationalUnit: nameValue(certificate.subject, OID_ORGANIZATIONAL_UNIT),
  };
}

function nameValue(name: pkijs.RelativeDistinguishedNames, oid: string): string | undefined {
  const value = name.typesAndValues.find((item) => item.type === oid)?.value;
  return value ? String(value.valueBlock.value) : undefined;
}

function formatName(name: pkijs.RelativeDistinguishedNames): string {
  return name.typesAndValues.map((item) => `${SHORT_NAMES[item.type] ?? item.type}=${String(item.value.valueBlock.value)}`).join(', ');
}
