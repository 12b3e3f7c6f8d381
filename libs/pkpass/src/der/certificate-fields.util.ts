import { DerTag, decodeDirectoryString, decodeOid, decodeTime, derBytes, derChildren, expectTag, readDer } from './der.util';

export const OID_USER_ID = '0.9.2342.19200300.100.1.1';
export const OID_COMMON_NAME = '2.5.4.3';
export const OID_ORGANIZATIONAL_UNIT = '2.5.4.11';
export const OID_ORGANIZATION = '2.5.4.10';

export interface NameAttribute {
  oid: string;
  value: string;
}

export interface CertificateFields {
  /** DER of the issuer Name, byte-for-byte as in the certificate (CMS matches on it). */
  issuer: Buffer;
  /** DER of the serialNumber INTEGER, byte-for-byte as in the certificate. */
  serialNumber: Buffer;
  subject: NameAttribute[];
  notBefore: Date;
  notAfter: Date;
}

/** Lifts the fields CMS and credential checks need out of a DER certificate. */
export function readCertificateFields(certificateDer: Buffer): CertificateFields {
  const certificate = expectTag(readDer(certificateDer), DerTag.SEQUENCE, 'Certificate');
  const [tbs] = derChildren(certificate);
  expectTag(tbs, DerTag.SEQUENCE, 'TBSCertificate');
  const parts = derChildren(tbs);
  // version is an optional [0] EXPLICIT field; v1 certificates omit it.
  const offset = parts[0]?.tag === 0xa0 ? 1 : 0;
  const [serial, , issuer, validity, subject] = parts.slice(offset);
  if (!subject) throw new Error('certificate TBS is truncated');
  expectTag(serial, DerTag.INTEGER, 'serialNumber');
  expectTag(issuer, DerTag.SEQUENCE, 'issuer');
  const [notBefore, notAfter] = derChildren(expectTag(validity, DerTag.SEQUENCE, 'validity'));
  return {
    issuer: Buffer.from(derBytes(issuer)),
    serialNumber: Buffer.from(derBytes(serial)),
    subject: readName(expectTag(subject, DerTag.SEQUENCE, 'subject')),
    notBefore: decodeTime(notBefore),
    notAfter: decodeTime(notAfter),
  };
}

function readName(name: ReturnType<typeof readDer>): NameAttribute[] {
  const attributes: NameAttribute[] = [];
  for (const rdn of derChildren(name)) {
    for (const typeAndValue of derChildren(expectTag(rdn, DerTag.SET, 'RDN'))) {
      const [type, value] = derChildren(expectTag(typeAndValue, DerTag.SEQUENCE, 'AttributeTypeAndValue'));
      attributes.push({ oid: decodeOid(type), value: decodeDirectoryString(value) });
    }
  }
  return attributes;
}

export function nameValue(attributes: NameAttribute[], oid: string): string | undefined {
  return attributes.find((attribute) => attribute.oid === oid)?.value;
}

const SHORT_NAMES: Record<string, string> = {
  [OID_USER_ID]: 'UID',
  [OID_COMMON_NAME]: 'CN',
  [OID_ORGANIZATIONAL_UNIT]: 'OU',
  [OID_ORGANIZATION]: 'O',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
};

/** One-line, human-readable subject such as `UID=pass.x, CN=Pass Type ID: pass.x, OU=TEAM, O=Org, C=US`. */
export function formatName(attributes: NameAttribute[]): string {
  return attributes.map(({ oid, value }) => `${SHORT_NAMES[oid] ?? oid}=${value}`).join(', ');
}
