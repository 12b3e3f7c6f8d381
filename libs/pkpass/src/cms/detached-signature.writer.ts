import { hash, sign } from 'node:crypto';
import { DerTag, der, encodeTime } from '../der/der.util';
import { OIDS, SignerMaterial } from './signer-material';

/**
 * A signer's whole ContentInfo is fixed-length: only signingTime, messageDigest and the
 * RSA signature change from pass to pass. So the DER is laid out once per signer (and per
 * time encoding) and each signature is three small copies into that template.
 */
interface SignatureLayout {
  /** The DER `SET OF Attribute` that RSA signs (RFC 5652 §5.4: tag SET, not [0]). */
  signedAttributes: Buffer;
  timeOffset: number;
  timeLength: number;
  digestOffset: number;
  /** The complete ContentInfo with zeroed holes. */
  contentInfo: Buffer;
  attributesOffset: number;
  signatureOffset: number;
}

const layouts = new WeakMap<SignerMaterial, Map<number, SignatureLayout>>();
const SHA256_LENGTH = 32;

/**
 * Detached CMS SignedData (DER) over `content`: the signer certificate and chain embedded,
 * SHA-256 digest, RSA PKCS#1 v1.5, signed attributes contentType, signingTime and
 * messageDigest, as Apple asks for the pass manifest.
 */
export function signDetached(content: Buffer, material: SignerMaterial, signingTime: Date): Buffer {
  const time = encodeTime(signingTime);
  const layout = layoutFor(material, time.length);
  const attributes = Buffer.from(layout.signedAttributes);
  time.copy(attributes, layout.timeOffset);
  hash('sha256', content, 'buffer').copy(attributes, layout.digestOffset);
  const signature = sign('sha256', attributes, material.key);
  if (signature.length !== material.signatureLength) throw new Error('unexpected RSA signature length');

  const out = Buffer.allocUnsafe(layout.contentInfo.length);
  layout.contentInfo.copy(out);
  attributes.copy(out, layout.attributesOffset);
  // Inside SignerInfo the same bytes travel as [0] IMPLICIT.
  out[layout.attributesOffset] = 0xa0;
  signature.copy(out, layout.signatureOffset);
  return out;
}

function layoutFor(material: SignerMaterial, timeLength: number): SignatureLayout {
  let byTime = layouts.get(material);
  if (!byTime) {
    byTime = new Map();
    layouts.set(material, byTime);
  }
  let layout = byTime.get(timeLength);
  if (!layout) {
    layout = buildLayout(material, timeLength);
    byTime.set(timeLength, layout);
  }
  return layout;
}

function buildLayout(material: SignerMaterial, timeLength: number): SignatureLayout {
  const sha256 = der(DerTag.SEQUENCE, OIDS.sha256);
  const rsaEncryption = der(DerTag.SEQUENCE, OIDS.rsaEncryption, der(DerTag.NULL));
  const timePlaceholder = Buffer.alloc(timeLength);
  const contentTypeAttribute = der(DerTag.SEQUENCE, OIDS.contentType, der(DerTag.SET, OIDS.data));
  const signingTimeAttribute = der(DerTag.SEQUENCE, OIDS.signingTime, der(DerTag.SET, timePlaceholder));
  const messageDigestAttribute = der(
    DerTag.SEQUENCE,
    OIDS.messageDigest,
    der(DerTag.SET, der(DerTag.OCTET_STRING, Buffer.alloc(SHA256_LENGTH))),
  );
  // DER sorts SET OF by encoding; with these fixed lengths the order is always
  // contentType (0x30 0x18…), signingTime (0x30 0x1c / 0x1e…), messageDigest (0x30 0x2f…).
  const members = [contentTypeAttribute, signingTimeAttribute, messageDigestAttribute].sort(Buffer.compare);
  const signedAttributes = der(DerTag.SET, ...members);
  const membersStart = signedAttributes.length - members.reduce((sum, m) => sum + m.length, 0);
  const timeOffset = membersStart + offsetAfter(members, signingTimeAttribute) - timeLength;
  const digestOffset = membersStart + offsetAfter(members, messageDigestAttribute) - SHA256_LENGTH;

  const signatureValue = der(DerTag.OCTET_STRING, Buffer.alloc(material.signatureLength));
  const signerInfo = der(
    DerTag.SEQUENCE,
    der(DerTag.INTEGER, Buffer.from([1])),
    material.issuerAndSerial,
    sha256,
    signedAttributes,
    rsaEncryption,
    signatureValue,
  );
  const signedData = der(
    DerTag.SEQUENCE,
    der(DerTag.INTEGER, Buffer.from([1])),
    der(DerTag.SET, sha256),
    // Detached: encapContentInfo names the type and carries no eContent.
    der(DerTag.SEQUENCE, OIDS.data),
    der(0xa0, ...material.certificates),
    der(DerTag.SET, signerInfo),
  );
  const contentInfo = der(DerTag.SEQUENCE, OIDS.signedData, der(0xa0, signedData));
  const signatureOffset = contentInfo.length - material.signatureLength;
  const attributesOffset = signatureOffset - (signatureValue.length - material.signatureLength) - rsaEncryption.length - signedAttributes.length;
  return { signedAttributes, timeOffset, timeLength, digestOffset, contentInfo, attributesOffset, signatureOffset };
}

function offsetAfter(members: Buffer[], member: Buffer): number {
  let offset = 0;
  for (const candidate of members) {
    offset += candidate.length;
    if (candidate === member) return offset;
  }
  throw new Error('attribute missing from layout');
}
