import { X509Certificate, createHash, verify } from 'node:crypto';
import forge from 'node-forge';
import { TestPassCertificate, createTestCa, issuePassCertificate } from '../testing';
import { signDetached } from './detached-signature.writer';
import { signerMaterial } from './signer-material';

// The DER is laid out by hand, so it is read back here with an independent parser
// (node-forge's ASN.1) and the RSA math is checked with Node; the int-specs add openssl.
const { asn1 } = forge;

interface Parsed {
  version: number;
  digestAlgorithms: string[];
  eContentType: string;
  hasEContent: boolean;
  certificates: Buffer[];
  signerDigestAlgorithm: string;
  signatureAlgorithm: string;
  attributes: Array<{ type: string; value: forge.asn1.Asn1 }>;
  /** The signed attributes re-tagged as SET OF, i.e. the bytes RSA signed. */
  signedBytes: Buffer;
  signature: Buffer;
}

function children(node: forge.asn1.Asn1): forge.asn1.Asn1[] {
  return node.value as forge.asn1.Asn1[];
}

function bytes(node: forge.asn1.Asn1): Buffer {
  return Buffer.from(asn1.toDer(node).getBytes(), 'binary');
}

function parse(der: Buffer): Parsed {
  const contentInfo = asn1.fromDer(der.toString('binary'), true);
  const [contentType, explicit] = children(contentInfo);
  expect(asn1.derToOid(contentType.value as string)).toBe('1.2.840.113549.1.7.2');
  const [version, digestAlgorithms, encap, certificates, signerInfos] = children(children(explicit)[0]);
  const [signerInfo] = children(signerInfos);
  const [, , digestAlgorithm, signedAttrs, signatureAlgorithm, signature] = children(signerInfo);
  const oidOf = (algorithm: forge.asn1.Asn1) => asn1.derToOid(children(algorithm)[0].value as string);
  const signed = bytes(signedAttrs);
  signed[0] = 0x31;
  return {
    version: asn1.derToInteger(version.value as string),
    digestAlgorithms: children(digestAlgorithms).map(oidOf),
    eContentType: asn1.derToOid(children(encap)[0].value as string),
    hasEContent: children(encap).length > 1,
    certificates: children(certificates).map(bytes),
    signerDigestAlgorithm: oidOf(digestAlgorithm),
    signatureAlgorithm: oidOf(signatureAlgorithm),
    attributes: children(signedAttrs).map((attribute) => {
      const [type, values] = children(attribute);
      return { type: asn1.derToOid(type.value as string), value: children(values)[0] };
    }),
    signedBytes: signed,
    signature: Buffer.from(signature.value as string, 'binary'),
  };
}

const OID = {
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
  contentType: '1.2.840.113549.1.9.3',
  signingTime: '1.2.840.113549.1.9.5',
  messageDigest: '1.2.840.113549.1.9.4',
  data: '1.2.840.113549.1.7.1',
};

describe('detached CMS signature', () => {
  let signer: TestPassCertificate;
  let caPem: string;
  const manifest = Buffer.from('{"pass.json":"a9993e364706816aba3e25717850c26c9cd0d89d"}');

  beforeAll(() => {
    const ca = createTestCa();
    caPem = ca.certificatePem;
    signer = issuePassCertificate(ca, { passTypeIdentifier: 'pass.com.example.cms', teamIdentifier: 'TEAMCMS' });
  });

  it('is a SignedData v1, detached, with the signer and chain certificates embedded', () => {
    const parsed = parse(signDetached(manifest, signerMaterial(signer), new Date()));
    expect(parsed.version).toBe(1);
    expect(parsed.eContentType).toBe(OID.data);
    expect(parsed.hasEContent).toBe(false);
    expect(parsed.certificates.map((der) => new X509Certificate(der).fingerprint256)).toEqual([
      new X509Certificate(signer.certificatePem).fingerprint256,
      new X509Certificate(caPem).fingerprint256,
    ]);
  });

  it('digests with SHA-256 and signs with RSA over the signed attributes', () => {
    const parsed = parse(signDetached(manifest, signerMaterial(signer), new Date()));
    expect(parsed.digestAlgorithms).toEqual([OID.sha256]);
    expect(parsed.signerDigestAlgorithm).toBe(OID.sha256);
    expect(parsed.signatureAlgorithm).toBe(OID.rsaEncryption);
    const publicKey = new X509Certificate(signer.certificatePem).publicKey;
    expect(verify('sha256', parsed.signedBytes, publicKey, parsed.signature)).toBe(true);
  });

  it('signs contentType, signingTime and messageDigest (the SHA-256 of the manifest)', () => {
    const signingTime = new Date('2026-02-03T04:05:06Z');
    const { attributes } = parse(signDetached(manifest, signerMaterial(signer), signingTime));
    expect(attributes.map((attribute) => attribute.type)).toEqual([OID.contentType, OID.signingTime, OID.messageDigest]);
    expect(asn1.derToOid(attributes[0].value.value as string)).toBe(OID.data);
    expect(asn1.utcTimeToDate(attributes[1].value.value as string).toISOString()).toBe(signingTime.toISOString());
    expect(Buffer.from(attributes[2].value.value as string, 'binary')).toEqual(createHash('sha256').update(manifest).digest());
  });

  it('uses GeneralizedTime for signing times from 2050 and the signature still holds', () => {
    const parsed = parse(signDetached(manifest, signerMaterial(signer), new Date('2050-06-01T00:00:00Z')));
    expect(parsed.attributes[1].value.type).toBe(asn1.Type.GENERALIZEDTIME);
    expect(asn1.generalizedTimeToDate(parsed.attributes[1].value.value as string).toISOString()).toBe('2050-06-01T00:00:00.000Z');
    expect(verify('sha256', parsed.signedBytes, new X509Certificate(signer.certificatePem).publicKey, parsed.signature)).toBe(true);
  });

  it('is deterministic for the same manifest and time, so signed bytes can be cached', () => {
    const at = new Date('2026-02-03T04:05:06Z');
    expect(signDetached(manifest, signerMaterial(signer), at).equals(signDetached(manifest, signerMaterial({ ...signer }), at))).toBe(true);
  });
});
