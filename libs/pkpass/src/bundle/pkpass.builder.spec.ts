import { createTestCa, issuePassCertificate, readZip, TestPassCertificate } from '../testing';
import { builtInImages } from '../png/built-in-images';
import { PkpassBundleError, PkpassSigningError } from '../pkpass.errors';
import { createPkpass } from './pkpass.builder';

describe('createPkpass', () => {
  let signer: TestPassCertificate;
  let other: TestPassCertificate;
  const passJson = Buffer.from(JSON.stringify({ formatVersion: 1, serialNumber: 'S1' }));
  const files = () => ({ 'pass.json': passJson, ...builtInImages() });

  beforeAll(() => {
    const ca = createTestCa();
    signer = issuePassCertificate(ca, { passTypeIdentifier: 'pass.com.example.builder', teamIdentifier: 'TEAMB' });
    other = issuePassCertificate(ca, { passTypeIdentifier: 'pass.com.example.other', teamIdentifier: 'TEAMO' });
  });

  it('zips the files with manifest.json and signature added', () => {
    const zip = readZip(createPkpass(files(), signer));
    expect(Object.keys(zip).sort()).toEqual([...Object.keys(files()), 'manifest.json', 'signature'].sort());
    expect(zip['pass.json'].equals(passJson)).toBe(true);
    expect(Object.keys(JSON.parse(zip['manifest.json'].toString()))).toEqual(Object.keys(files()));
  });

  it('gives byte-identical bundles for the same files and signing time', () => {
    const signingTime = new Date('2026-01-01T12:00:00Z');
    expect(createPkpass(files(), signer, { signingTime }).equals(createPkpass(files(), { ...signer }, { signingTime }))).toBe(true);
  });

  it('refuses bundles Wallet would reject', () => {
    const images = builtInImages();
    expect(() => createPkpass({ 'icon.png': images['icon.png'] }, signer)).toThrow(new PkpassBundleError('pass.json is missing'));
    expect(() => createPkpass({ 'pass.json': passJson }, signer)).toThrow(new PkpassBundleError('icon.png is missing'));
    expect(() => createPkpass({ ...files(), 'pass.json': Buffer.from('{nope') }, signer)).toThrow('pass.json is not valid JSON');
    expect(() => createPkpass({ ...files(), 'pass.json': Buffer.from('[1]') }, signer)).toThrow('pass.json must be a JSON object');
    expect(() => createPkpass({ ...files(), 'manifest.json': Buffer.from('{}') }, signer)).toThrow(/generated while signing/);
    expect(() => createPkpass({ ...files(), signature: Buffer.from('x') }, signer)).toThrow(/generated while signing/);
    expect(() => createPkpass({ ...files(), '.DS_Store': Buffer.from('x') }, signer)).toThrow(/does not belong/);
  });

  it.each(['../evil.png', '/abs.png', 'a//b.png', 'a\\b.png', 'en.lproj/../x', './icon.png', ''])(
    'rejects the unsafe file name %j',
    (name) => {
      expect(() => createPkpass({ ...files(), [name]: Buffer.from('x') }, signer)).toThrow(PkpassBundleError);
    },
  );

  it('refuses a signer whose key belongs to another certificate, without echoing the key', () => {
    const mismatched = { ...signer, privateKeyPem: other.privateKeyPem };
    expect(() => createPkpass(files(), mismatched)).toThrow(new PkpassSigningError('signer private key does not match the certificate'));
    expect(() => createPkpass(files(), { ...signer, privateKeyPem: 'garbage' })).toThrow(PkpassSigningError);
    expect(() => createPkpass(files(), { ...signer, certificatePem: 'garbage' })).toThrow(PkpassSigningError);
  });
});
