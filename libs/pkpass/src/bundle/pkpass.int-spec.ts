import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createCertificateAuthority, issuePassTypeCertificate } from '../credentials/certificate-issuer';
import { generateDevelopmentSigner } from '../credentials/development-signer.factory';
import { builtInImages } from '../png/built-in-images';
import { TestCa, TestPassCertificate, createTestCa, issuePassCertificate, readZip, verifyPkpass } from '../testing';
import { createPkpass } from './pkpass.builder';
import { writeStoredZip } from './stored-zip.writer';

const run = promisify(execFile);

function passJson(identity: { passTypeIdentifier: string; teamIdentifier: string }, extra: Record<string, unknown> = {}) {
  return {
    formatVersion: 1,
    passTypeIdentifier: identity.passTypeIdentifier,
    teamIdentifier: identity.teamIdentifier,
    serialNumber: 'serial-0001',
    organizationName: 'Example Coffee',
    description: 'Example Coffee loyalty card',
    storeCard: { primaryFields: [{ key: 'points', label: 'Points', value: 42 }] },
    ...extra,
  };
}

function bundle(identity: { passTypeIdentifier: string; teamIdentifier: string }, extra: Record<string, unknown> = {}) {
  return { 'pass.json': Buffer.from(JSON.stringify(passJson(identity, extra))), ...builtInImages() };
}

describe('signed pkpass verified with openssl', () => {
  let ca: TestCa;
  let signer: TestPassCertificate;

  beforeAll(() => {
    ca = createTestCa();
    signer = issuePassCertificate(ca, { passTypeIdentifier: 'pass.com.example.coffee', teamIdentifier: 'TEAM123456' });
  });

  it('verifies: signature chains to the CA, manifest covers every file, pass.json is complete', async () => {
    const files = { ...bundle(signer), 'de.lproj/pass.strings': Buffer.from('"points" = "Punkte";') };
    const verified = await verifyPkpass(createPkpass(files, signer), { caPem: ca.certificatePem });
    expect(verified.files).toEqual([...Object.keys(files), 'manifest.json', 'signature'].sort());
    expect(verified.passJson).toMatchObject({ serialNumber: 'serial-0001', passTypeIdentifier: 'pass.com.example.coffee' });
  });

  it('is a zip that Info-ZIP unzip tests clean and lists as stored', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'pkpass-unzip-'));
    try {
      const file = path.join(dir, 'pass.pkpass');
      await writeFile(file, createPkpass(bundle(signer), signer));
      const tested = await run('unzip', ['-t', file]);
      expect(tested.stdout).toMatch(/No errors detected/);
      const listed = await run('unzip', ['-v', file]);
      expect(listed.stdout).toMatch(/Stored\s+\d+\s+0%.*signature/);
      expect(listed.stdout).not.toMatch(/Defl/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('verifies against a root when the signature embeds the intermediate (the Apple root → WWDR shape)', async () => {
    const root = createCertificateAuthority({ commonName: 'Test Root CA', organizationName: 'Tests' });
    const intermediate = createCertificateAuthority({ commonName: 'Test WWDR G4', organizationName: 'Tests' }, root);
    const leaf = issuePassTypeCertificate(intermediate, { passTypeIdentifier: 'pass.com.example.chain', teamIdentifier: 'TEAMCHAIN' });
    const chained = { ...leaf, chainPems: [intermediate.certificatePem] };
    const identity = { passTypeIdentifier: 'pass.com.example.chain', teamIdentifier: 'TEAMCHAIN' };
    await expect(verifyPkpass(createPkpass(bundle(identity), chained), { caPem: root.certificatePem })).resolves.toBeTruthy();
    // Without the intermediate in the signature, the root alone cannot build the chain.
    await expect(verifyPkpass(createPkpass(bundle(identity), { ...leaf, chainPems: [] }), { caPem: root.certificatePem })).rejects.toThrow(
      /openssl cms -verify rejected/,
    );
  });

  it('round-trips with the development signer', async () => {
    const dev = generateDevelopmentSigner();
    const verified = await verifyPkpass(createPkpass(bundle(dev), dev), { caPem: dev.caCertificatePem });
    expect(verified.passJson).toMatchObject({ passTypeIdentifier: 'pass.dev.walletpass', teamIdentifier: 'DEVTEAM01' });
  });

  it('fails verification against a CA that did not issue the signer', async () => {
    const stranger = createTestCa('Stranger CA');
    await expect(verifyPkpass(createPkpass(bundle(signer), signer), { caPem: stranger.certificatePem })).rejects.toThrow(/openssl cms -verify rejected/);
  });

  it('fails verification when the manifest was altered after signing', async () => {
    const files = readZip(createPkpass(bundle(signer), signer));
    const manifest = JSON.parse(files['manifest.json'].toString());
    manifest['pass.json'] = '0'.repeat(40);
    files['manifest.json'] = Buffer.from(JSON.stringify(manifest));
    const tampered = writeStoredZip(Object.entries(files).map(([name, data]) => ({ name, data })), new Date());
    await expect(verifyPkpass(tampered, { caPem: ca.certificatePem })).rejects.toThrow(/openssl cms -verify rejected/);
  });

  it('fails when a file was swapped or added after signing, or pass.json disagrees with the certificate', async () => {
    const files = readZip(createPkpass(bundle(signer), signer));
    files['icon.png'] = builtInImages()['logo.png'];
    files['extra.png'] = builtInImages()['logo.png'];
    const swapped = writeStoredZip(Object.entries(files).map(([name, data]) => ({ name, data })), new Date());
    await expect(verifyPkpass(swapped, { caPem: ca.certificatePem })).rejects.toThrow(
      /wrong SHA-1 for icon\.png[\s\S]*does not list extra\.png/,
    );
    const wrongTeam = createPkpass(bundle({ passTypeIdentifier: 'pass.com.example.coffee', teamIdentifier: 'OTHERTEAM' }), signer);
    await expect(verifyPkpass(wrongTeam, { caPem: ca.certificatePem })).rejects.toThrow(/teamIdentifier OTHERTEAM differs/);
  });

  it("fails when pass.json lacks a key Apple requires or the web service token is short", async () => {
    const files = bundle(signer, { webServiceURL: 'https://example.com/apple', authenticationToken: 'short' });
    const pass = JSON.parse(files['pass.json'].toString());
    delete pass.description;
    files['pass.json'] = Buffer.from(JSON.stringify(pass));
    await expect(verifyPkpass(createPkpass(files, signer), { caPem: ca.certificatePem })).rejects.toThrow(
      /lacks description[\s\S]*authenticationToken/,
    );
  });
});
