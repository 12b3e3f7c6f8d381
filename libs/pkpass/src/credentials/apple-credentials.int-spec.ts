import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import forge from 'node-forge';
import { createPkpass } from '../bundle/pkpass.builder';
import { builtInImages } from '../png/built-in-images';
import { TestCa, TestPassCertificate, createTestCa, issuePassCertificate, verifyPkpass } from '../testing';
import { AppleCredentialError } from './apple-credential.error';
import { parseAppleCredentials } from './apple-credentials.parser';

const run = promisify(execFile);

describe('parseAppleCredentials with PKCS#12 files made by the openssl CLI', () => {
  let dir: string;
  let ca: TestCa;
  let pass: TestPassCertificate;
  let other: TestPassCertificate;
  const identity = { passTypeIdentifier: 'pass.com.example.p12', teamIdentifier: 'TEAMP12345' };

  async function exportP12(name: string, extraArgs: string[], key = pass.privateKeyPem, passphrase = 'tenant secret'): Promise<string> {
    await writeFile(path.join(dir, `${name}.key`), key);
    const out = path.join(dir, `${name}.p12`);
    // prettier-ignore
    await run('openssl', ['pkcs12', '-export', '-in', path.join(dir, 'cert.pem'), '-inkey', path.join(dir, `${name}.key`),
      '-out', out, '-passout', `pass:${passphrase}`, ...extraArgs]);
    return (await readFile(out)).toString('base64');
  }

  async function describeP12(p12Base64: string, legacy: boolean): Promise<string> {
    const file = path.join(dir, 'inspect.p12');
    await writeFile(file, Buffer.from(p12Base64, 'base64'));
    const args = ['pkcs12', '-in', file, '-info', '-noout', '-passin', 'pass:tenant secret', ...(legacy ? ['-legacy'] : [])];
    const { stderr, stdout } = await run('openssl', args);
    return `${stdout}${stderr}`;
  }

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'pkpass-p12-'));
    ca = createTestCa();
    pass = issuePassCertificate(ca, identity);
    other = issuePassCertificate(ca, { passTypeIdentifier: 'pass.com.example.other', teamIdentifier: 'TEAMOTHER' });
    await writeFile(path.join(dir, 'cert.pem'), pass.certificatePem);
    await writeFile(path.join(dir, 'ca.pem'), ca.certificatePem);
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads the current encoding (PBES2 AES-256-CBC, HMAC-SHA256 MAC) and signs a verifiable pass', async () => {
    const p12 = await exportP12('modern', []);
    expect(await describeP12(p12, false)).toMatch(/MAC: sha256[\s\S]*PBES2, PBKDF2, AES-256-CBC/);
    const credentials = parseAppleCredentials({ p12_base64: p12, passphrase: 'tenant secret' });
    expect(credentials).toMatchObject({ ...identity, chainPems: [] });
    const files = {
      'pass.json': Buffer.from(
        JSON.stringify({ formatVersion: 1, ...identity, serialNumber: 'p12-1', organizationName: 'Org', description: 'Card', storeCard: {} }),
      ),
      ...builtInImages(),
    };
    await expect(verifyPkpass(createPkpass(files, credentials), { caPem: ca.certificatePem })).resolves.toBeTruthy();
  });

  it('reads the legacy encoding (-legacy: RC2-40 certificates, 3DES key, SHA-1 MAC)', async () => {
    const p12 = await exportP12('legacy', ['-legacy']);
    expect(await describeP12(p12, true)).toMatch(/MAC: sha1[\s\S]*pbeWithSHA1And40BitRC2-CBC[\s\S]*pbeWithSHA1And3-KeyTripleDES-CBC/);
    expect(parseAppleCredentials({ p12_base64: p12, passphrase: 'tenant secret' })).toMatchObject(identity);
  });

  it('keeps chain certificates carried in the file (-certfile)', async () => {
    const p12 = await exportP12('chain', ['-certfile', path.join(dir, 'ca.pem')]);
    const credentials = parseAppleCredentials({ p12_base64: p12, passphrase: 'tenant secret' });
    expect(credentials.chainPems).toHaveLength(1);
    expect(credentials.chainPems[0].replace(/\s/g, '')).toBe(ca.certificatePem.replace(/\s/g, ''));
  });

  it.each([
    ['current', []],
    ['legacy', ['-legacy']],
  ])('names the passphrase when it does not open a %s file, without echoing it', async (name, args) => {
    const p12 = await exportP12(`wrong-${name}`, args);
    let caught: unknown;
    try {
      parseAppleCredentials({ p12_base64: p12, passphrase: 'Guess-Number-7' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppleCredentialError);
    expect(caught).toMatchObject({ field: 'passphrase' });
    expect((caught as Error).message).not.toContain('Guess-Number-7');
  });

  it('rejects a file whose key does not match its certificate', () => {
    // openssl pkcs12 -export refuses to pair them, so this file is assembled with forge.
    const asn1 = forge.pkcs12.toPkcs12Asn1(
      forge.pki.privateKeyFromPem(other.privateKeyPem),
      [forge.pki.certificateFromPem(pass.certificatePem)],
      'tenant secret',
      { algorithm: 'aes256' },
    );
    const p12 = Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary').toString('base64');
    expect(() => parseAppleCredentials({ p12_base64: p12, passphrase: 'tenant secret' })).toThrow(
      new AppleCredentialError('p12_base64', 'the private key does not match the certificate'),
    );
  });
});
