import forge from 'node-forge';
import { AppleCredentialError } from './apple-credential.error';

export interface Pkcs12Contents {
  certificates: Buffer[];
  /** DER keys: PKCS#1 for RSA keys forge understood, PKCS#8 otherwise. */
  keys: Array<{ der: Buffer; format: 'pkcs1' | 'pkcs8' }>;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * Opens a PKCS#12 file with node-forge, which reads both encodings `openssl pkcs12 -export`
 * writes: the legacy one (`-legacy`: RC2/3DES, SHA-1 MAC) and the OpenSSL 3 default
 * (PBES2 AES-256-CBC with PBKDF2-HMAC-SHA256, SHA-256 MAC). Node's crypto has no PKCS#12 reader.
 */
export function readPkcs12(p12Base64: string, passphrase: string): Pkcs12Contents {
  const compact = p12Base64.replace(/\s+/g, '');
  if (!BASE64.test(compact)) throw new AppleCredentialError('p12_base64', 'p12_base64 is not valid base64');
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    const asn1 = forge.asn1.fromDer(forge.util.decode64(compact));
    p12 = forge.pkcs12.pkcs12FromAsn1(asn1, false, passphrase);
  } catch (error) {
    // forge's messages carry no secret, but only its MAC failure is specific enough to repeat.
    if (error instanceof Error && /MAC could not be verified|wrong password/i.test(error.message)) {
      throw new AppleCredentialError('passphrase', 'the passphrase does not open the PKCS#12 file');
    }
    throw new AppleCredentialError('p12_base64', 'p12_base64 is not a readable PKCS#12 file (or the passphrase is wrong)');
  }

  const certificates: Buffer[] = [];
  const keys: Pkcs12Contents['keys'] = [];
  for (const bag of bagsOf(p12, forge.pki.oids.certBag)) {
    const asn1 = bag.cert ? forge.pki.certificateToAsn1(bag.cert) : bag.asn1;
    if (asn1) certificates.push(Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary'));
  }
  for (const type of [forge.pki.oids.pkcs8ShroudedKeyBag, forge.pki.oids.keyBag]) {
    for (const bag of bagsOf(p12, type)) {
      if (bag.key) {
        const der = forge.asn1.toDer(forge.pki.privateKeyToAsn1(bag.key as forge.pki.rsa.PrivateKey)).getBytes();
        keys.push({ der: Buffer.from(der, 'binary'), format: 'pkcs1' });
      } else if (bag.asn1) {
        keys.push({ der: Buffer.from(forge.asn1.toDer(bag.asn1).getBytes(), 'binary'), format: 'pkcs8' });
      }
    }
  }
  return { certificates, keys };
}

function bagsOf(p12: forge.pkcs12.Pkcs12Pfx, bagType: string): forge.pkcs12.Bag[] {
  return p12.getBags({ bagType })[bagType] ?? [];
}
