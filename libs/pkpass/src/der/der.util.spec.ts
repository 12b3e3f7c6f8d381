import { X509Certificate } from 'node:crypto';
import { createTestCa, issuePassCertificate } from '../testing';
import { OID_ORGANIZATIONAL_UNIT, OID_USER_ID, formatName, nameValue, readCertificateFields } from './certificate-fields.util';
import { DerTag, decodeOid, decodeTime, der, derChildren, encodeLength, encodeOid, encodeTime, readDer } from './der.util';
import { derToPemCertificate, pemCertificatesToDer } from './pem.util';

describe('DER encoding', () => {
  it('encodes short and long lengths as X.690 requires', () => {
    expect(encodeLength(0x7f)).toEqual(Buffer.from([0x7f]));
    expect(encodeLength(0x80)).toEqual(Buffer.from([0x81, 0x80]));
    expect(encodeLength(0x1234)).toEqual(Buffer.from([0x82, 0x12, 0x34]));
  });

  it('encodes OIDs byte-for-byte like OpenSSL (sha256, signedData, UID)', () => {
    expect(encodeOid('2.16.840.1.101.3.4.2.1').toString('hex')).toBe('0609608648016503040201');
    expect(encodeOid('1.2.840.113549.1.7.2').toString('hex')).toBe('06092a864886f70d010702');
    expect(encodeOid('0.9.2342.19200300.100.1.1').toString('hex')).toBe('060a0992268993f22c640101');
  });

  it('decodes what it encodes', () => {
    for (const oid of ['1.2.840.113549.1.9.5', '0.9.2342.19200300.100.1.1', '2.5.4.11', '2.999.1']) {
      expect(decodeOid(readDer(encodeOid(oid)))).toBe(oid);
    }
  });

  it('writes UTCTime until 2049 and GeneralizedTime from 2050 (RFC 5280)', () => {
    expect(encodeTime(new Date('2026-03-04T05:06:07Z')).toString('latin1').slice(2)).toBe('260304050607Z');
    expect(encodeTime(new Date('2026-03-04T05:06:07Z'))[0]).toBe(DerTag.UTC_TIME);
    const late = encodeTime(new Date('2051-01-02T03:04:05Z'));
    expect(late[0]).toBe(DerTag.GENERALIZED_TIME);
    expect(late.toString('latin1').slice(2)).toBe('20510102030405Z');
    expect(decodeTime(readDer(late)).toISOString()).toBe('2051-01-02T03:04:05.000Z');
    expect(decodeTime(readDer(encodeTime(new Date('1999-12-31T23:59:59Z')))).toISOString()).toBe('1999-12-31T23:59:59.000Z');
  });

  it('walks nested structures and rejects truncated input', () => {
    const tree = der(DerTag.SEQUENCE, der(DerTag.INTEGER, Buffer.from([1])), der(DerTag.NULL));
    expect(derChildren(readDer(tree)).map((child) => child.tag)).toEqual([DerTag.INTEGER, DerTag.NULL]);
    expect(() => readDer(tree.subarray(0, tree.length - 1))).toThrow(/truncated/);
    expect(() => readDer(Buffer.from([0x30, 0x80, 0, 0]))).toThrow(/indefinite/);
  });
});

describe('certificate fields', () => {
  const ca = createTestCa();
  const leaf = issuePassCertificate(ca, { passTypeIdentifier: 'pass.com.example.fields', teamIdentifier: 'TEAMFIELDS', organizationName: 'Café Ünïcode' });
  const certificate = new X509Certificate(leaf.certificatePem);

  it('reads subject UID and OU, validity and serial as Node sees them', () => {
    const fields = readCertificateFields(certificate.raw);
    expect(nameValue(fields.subject, OID_USER_ID)).toBe('pass.com.example.fields');
    expect(nameValue(fields.subject, OID_ORGANIZATIONAL_UNIT)).toBe('TEAMFIELDS');
    expect(formatName(fields.subject)).toBe('UID=pass.com.example.fields, CN=Pass Type ID: pass.com.example.fields, OU=TEAMFIELDS, O=Café Ünïcode');
    expect(fields.notAfter.getTime()).toBe(new Date(certificate.validTo).getTime());
    expect(fields.notBefore.getTime()).toBe(new Date(certificate.validFrom).getTime());
    expect(readDer(fields.serialNumber).tag).toBe(DerTag.INTEGER);
    // Compared as numbers: a random serial may start with a zero nibble, which the two sides print differently.
    expect(BigInt(`0x${fields.serialNumber.subarray(2).toString('hex')}`)).toBe(BigInt(`0x${certificate.serialNumber}`));
  });

  it('takes the issuer Name bytes exactly from the certificate, so CMS can match the CA subject', () => {
    const caFields = readCertificateFields(new X509Certificate(ca.certificatePem).raw);
    const leafFields = readCertificateFields(certificate.raw);
    // The CA is self-signed: its issuer bytes equal its subject bytes, which the leaf names as issuer.
    expect(leafFields.issuer.equals(caFields.issuer)).toBe(true);
  });

  it('splits a PEM bundle into certificates and back', () => {
    const bundle = `${leaf.certificatePem}\n${ca.certificatePem}`;
    const ders = pemCertificatesToDer(bundle);
    expect(ders).toHaveLength(2);
    expect(new X509Certificate(derToPemCertificate(ders[1])).fingerprint256).toBe(new X509Certificate(ca.certificatePem).fingerprint256);
  });
});
