import { X509Certificate, constants, createPrivateKey, createPublicKey, generateKeyPairSync, privateEncrypt, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import forge from 'node-forge';

export interface TestCa {
  caCertPem: string;
  caKeyPem: string;
  /** `<dir>/ca.pem`: the file to export as NODE_EXTRA_CA_CERTS. */
  caFile: string;
  /**
   * RSA key shared by the certificates this CA issues. Generating a 2048-bit key costs
   * about a second on a small machine, signing is native: sharing the key keeps issuing
   * in milliseconds. Each certificate still has its own serial and fingerprint.
   */
  leafKeyPem: string;
}

export type TestCaKeyPair = Pick<TestCa, 'caCertPem' | 'caKeyPem'> & { leafKeyPem?: string };

export interface IssuedCertificate {
  certificatePem: string;
  privateKeyPem: string;
  /** Colon-separated upper-case SHA-256, the format of Node's `fingerprint256`. */
  fingerprint256: string;
}

export interface PassCertificateOptions {
  /** Becomes the subject UID, as in Apple's Pass Type ID certificates. */
  passTypeIdentifier: string;
  /** Becomes the subject OU, where Apple puts the team identifier. */
  teamIdentifier?: string;
}

const BUNDLE_FILE = 'ca-bundle.pem';
const CA_FILE = 'ca.pem';
const LEAF_KEY_FILE = 'leaf-key.pem';
const DAY_MS = 24 * 60 * 60_000;
// Forge has no short name for UID (userId, RFC 4519); Apple puts the pass type id there.
const UID_OID = '0.9.2342.19200300.100.1.1';
// @types/node-forge calls valueTagClass an ASN.1 class; forge uses it as the universal type tag.
const UTF8_STRING = forge.asn1.Type.UTF8 as unknown as forge.asn1.Class;

/**
 * Creates the test CA in `dir` once and reuses it afterwards. Several Jest workers and fleet
 * processes may race here, so the key and certificate are committed together in one file
 * by hard-linking a private temp file into place: exactly one writer wins, everyone reads
 * the winner. `ca.pem` is then derived from it with an atomic rename.
 */
export function ensureTestCa(dir: string): TestCa {
  const root = path.resolve(dir);
  fs.mkdirSync(root, { recursive: true });
  const bundleFile = path.join(root, BUNDLE_FILE);
  if (!fs.existsSync(bundleFile)) commitOnce(bundleFile, createCaBundle());
  const bundle = fs.readFileSync(bundleFile, 'utf8');
  const caKeyPem = pemBlock(bundle, 'PRIVATE KEY');
  const caCertPem = pemBlock(bundle, 'CERTIFICATE');
  const caFile = path.join(root, CA_FILE);
  if (readIfExists(caFile) !== caCertPem) replaceAtomically(caFile, caCertPem);
  const leafKeyFile = path.join(root, LEAF_KEY_FILE);
  if (!fs.existsSync(leafKeyFile)) commitOnce(leafKeyFile, rsaPrivateKeyPem());
  const leafKeyPem = fs.readFileSync(leafKeyFile, 'utf8');
  return { caCertPem, caKeyPem, caFile, leafKeyPem };
}

/** A TLS server certificate for `hostnames` (DNS names or IP addresses), issued by the test CA. */
export function issueServerCertificate(ca: TestCaKeyPair, hostnames: string[]): IssuedCertificate {
  if (hostnames.length === 0) throw new Error('issueServerCertificate needs at least one hostname');
  return issue(ca, [{ name: 'commonName', value: hostnames[0] }], [
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: hostnames.map((host) => (net.isIP(host) ? { type: 7, ip: host } : { type: 2, value: host })),
    },
  ]);
}

/**
 * An RSA client certificate shaped like an Apple Pass Type ID certificate
 * (`UID=<pass type id>, CN=Pass Type ID: <id>, OU=<team>`), issued by the test CA.
 */
export function issuePassCertificate(ca: TestCaKeyPair, options: PassCertificateOptions): IssuedCertificate {
  const team = options.teamIdentifier ?? 'TEAMID1234';
  return issue(
    ca,
    [
      { type: UID_OID, value: options.passTypeIdentifier, valueTagClass: UTF8_STRING },
      { name: 'commonName', value: `Pass Type ID: ${options.passTypeIdentifier}` },
      { name: 'organizationalUnitName', value: team },
      { name: 'organizationName', value: 'Wallet Pass Test' },
      { name: 'countryName', value: 'US' },
    ],
    [
      { name: 'basicConstraints', cA: false, critical: true },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', clientAuth: true },
    ],
  );
}

function createCaBundle(): string {
  const privateKeyPem = rsaPrivateKeyPem();
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKeyOf(privateKeyPem);
  cert.serialNumber = serialNumber();
  cert.validity.notBefore = new Date(Date.now() - DAY_MS);
  cert.validity.notAfter = new Date(Date.now() + 10 * 365 * DAY_MS);
  const subject = [
    { name: 'commonName', value: `Wallet Pass Test CA ${randomBytes(4).toString('hex')}` },
    { name: 'organizationName', value: 'Wallet Pass Test' },
  ];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(nativeSigner(privateKeyPem), forge.md.sha256.create());
  return `${privateKeyPem.trim()}\n${forge.pki.certificateToPem(cert).trim()}\n`;
}

function issue(ca: TestCaKeyPair, subject: forge.pki.CertificateField[], extensions: object[]): IssuedCertificate {
  const caCert = forge.pki.certificateFromPem(ca.caCertPem);
  const privateKeyPem = ca.leafKeyPem ?? processLeafKey();
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKeyOf(privateKeyPem);
  cert.serialNumber = serialNumber();
  cert.validity.notBefore = new Date(Date.now() - DAY_MS);
  cert.validity.notAfter = new Date(Date.now() + 365 * DAY_MS);
  cert.setSubject(subject);
  cert.setIssuer(caCert.subject.attributes);
  cert.setExtensions([
    ...extensions,
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes() },
  ]);
  cert.sign(nativeSigner(ca.caKeyPem), forge.md.sha256.create());
  const certificatePem = forge.pki.certificateToPem(cert);
  return { certificatePem, privateKeyPem, fingerprint256: new X509Certificate(certificatePem).fingerprint256 };
}

// RSA, like Apple's Pass Type ID certificates (and passkit-generator accepts RSA only).
function rsaPrivateKeyPem(): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

let leafKeyOfThisProcess: string | undefined;
function processLeafKey(): string {
  leafKeyOfThisProcess ??= rsaPrivateKeyPem();
  return leafKeyOfThisProcess;
}

function publicKeyOf(privateKeyPem: string): forge.pki.rsa.PublicKey {
  const spki = createPublicKey(privateKeyPem).export({ type: 'spki', format: 'pem' }).toString();
  return forge.pki.publicKeyFromPem(spki);
}

// DER prefix of DigestInfo{sha256, NULL} (RFC 8017 §9.2 note 1).
const SHA256_DIGEST_INFO_PREFIX = Buffer.from('3031300d060960864801650304020105000420', 'hex');

/**
 * forge assembles the certificate; the RSA operation runs in Node's native crypto, since
 * forge's pure-JS signing costs about 100 ms per certificate. PKCS#1 v1.5 signing is the
 * private-key operation over DigestInfo, which is exactly what forge asks its key for.
 */
function nativeSigner(privateKeyPem: string): forge.pki.rsa.PrivateKey {
  const key = createPrivateKey(privateKeyPem);
  const signer = {
    sign(md: forge.md.MessageDigest): string {
      const digest = Buffer.from(md.digest().getBytes(), 'binary');
      const digestInfo = Buffer.concat([SHA256_DIGEST_INFO_PREFIX, digest]);
      return privateEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, digestInfo).toString('binary');
    },
  };
  return signer as unknown as forge.pki.rsa.PrivateKey;
}

// Positive (high bit clear) and unique, as RFC 5280 asks of serial numbers.
function serialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] = bytes[0] & 0x7f;
  return bytes.toString('hex');
}

function commitOnce(target: string, contents: string): void {
  const temp = `${target}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  fs.writeFileSync(temp, contents, { mode: 0o600 });
  try {
    fs.linkSync(temp, target);
  } catch (error) {
    // Another process committed first; its CA is the one everybody uses.
    if (!(error instanceof Error && 'code' in error && error.code === 'EEXIST')) throw error;
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

function replaceAtomically(target: string, contents: string): void {
  const temp = `${target}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  fs.writeFileSync(temp, contents);
  fs.renameSync(temp, target);
}

function readIfExists(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function pemBlock(text: string, label: string): string {
  const match = new RegExp(`-----BEGIN ${label}-----[\\s\\S]+?-----END ${label}-----`).exec(text);
  if (!match) throw new Error(`test CA bundle has no ${label} block`);
  return `${match[0]}\n`;
}
