import { execFile } from 'node:child_process';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ensureTestCa, issuePassCertificate, issueServerCertificate } from './test-ca';

const run = promisify(execFile);
const SCRIPT = path.resolve(__dirname, '../../scripts/ensure-test-ca.cjs');

describe('test CA', () => {
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wp-test-ca-'));
  });

  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is created once and reused, even when several processes race to create it', async () => {
    const outputs = await Promise.all([1, 2, 3, 4].map(() => run(process.execPath, [SCRIPT, dir])));

    const caFile = path.join(dir, 'ca.pem');
    expect(outputs.map((o) => o.stdout.trim())).toEqual([caFile, caFile, caFile, caFile]);
    expect(fs.readdirSync(dir).sort()).toEqual(['ca-bundle.pem', 'ca.pem', 'leaf-key.pem']);
    const again = ensureTestCa(dir);
    expect(again.caCertPem).toBe(fs.readFileSync(caFile, 'utf8'));
    const ca = new X509Certificate(again.caCertPem);
    expect(ca.ca).toBe(true);
    expect(ca.checkPrivateKey(createPrivateKey(again.caKeyPem))).toBe(true);
  });

  it('issues server certificates valid for the given names and signed by the CA', () => {
    const ca = ensureTestCa(dir);

    const server = new X509Certificate(issueServerCertificate(ca, ['localhost', '127.0.0.1']).certificatePem);

    expect(server.verify(new X509Certificate(ca.caCertPem).publicKey)).toBe(true);
    expect(server.checkIssued(new X509Certificate(ca.caCertPem))).toBe(true);
    expect(server.checkHost('localhost')).toBe('localhost');
    expect(server.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(server.checkHost('example.com')).toBeUndefined();
    expect(server.ca).toBe(false);
  });

  it('issues pass certificates shaped like Apple’s, each with its own fingerprint', () => {
    const ca = ensureTestCa(dir);

    const first = issuePassCertificate(ca, { passTypeIdentifier: 'pass.com.example.test', teamIdentifier: 'ABCDE12345' });
    const second = issuePassCertificate(ca, { passTypeIdentifier: 'pass.com.example.test' });

    const cert = new X509Certificate(first.certificatePem);
    expect(cert.subject).toContain('UID=pass.com.example.test');
    expect(cert.subject).toContain('OU=ABCDE12345');
    expect(cert.subject).toContain('CN=Pass Type ID: pass.com.example.test');
    expect(cert.publicKey.asymmetricKeyType).toBe('rsa');
    expect(cert.verify(new X509Certificate(ca.caCertPem).publicKey)).toBe(true);
    expect(cert.fingerprint256).toBe(first.fingerprint256);
    expect(second.fingerprint256).not.toBe(first.fingerprint256);
  });
});
