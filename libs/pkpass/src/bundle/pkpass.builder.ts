import { signDetached } from '../cms/detached-signature.writer';
import { PassSigner, signerMaterial } from '../cms/signer-material';
import { PkpassBundleError } from '../pkpass.errors';
import { buildManifest } from './manifest.builder';
import { ZipEntry, writeStoredZip } from './stored-zip.writer';

export type PassFiles = Record<string, Uint8Array>;

export interface CreatePkpassOptions {
  /** The S/MIME signingTime and the zip entries' date; now by default. */
  signingTime?: Date;
}

const RESERVED = new Set(['manifest.json', 'signature']);
// Finder and archivers leave these behind; Apple rejects bundles whose manifest lists them.
const JUNK_SEGMENTS = new Set(['.DS_Store', '__MACOSX', 'Thumbs.db']);

/**
 * A signed `.pkpass`: the files plus manifest.json (SHA-1 of each) and signature (detached
 * CMS over the manifest), as a stored zip. Synchronous and native; see the pool for running
 * it off the event loop.
 */
export function createPkpass(files: PassFiles, signer: PassSigner, options: CreatePkpassOptions = {}): Buffer {
  const signingTime = options.signingTime ?? new Date();
  const entries = bundleEntries(files);
  const material = signerMaterial(signer);
  const manifest = buildManifest(entries);
  const signature = signDetached(manifest, material, signingTime);
  entries.push({ name: 'manifest.json', data: manifest }, { name: 'signature', data: signature });
  return writeStoredZip(entries, signingTime);
}

function bundleEntries(files: PassFiles): ZipEntry[] {
  const entries: ZipEntry[] = [];
  for (const name of Object.keys(files)) {
    const data = files[name];
    assertSafeName(name);
    if (!(data instanceof Uint8Array)) throw new PkpassBundleError(`file ${name} must be a Buffer`);
    entries.push({ name, data });
  }
  const passJson = files['pass.json'];
  if (!passJson) throw new PkpassBundleError('pass.json is missing');
  // Apple: "All passes require an icon"; without one Wallet refuses the pass.
  if (!files['icon.png']) throw new PkpassBundleError('icon.png is missing');
  assertJsonObject(passJson);
  return entries;
}

function assertSafeName(name: string): void {
  if (RESERVED.has(name)) throw new PkpassBundleError(`${name} is generated while signing and must not be supplied`);
  const segments = name.split('/');
  const unsafe =
    name.length === 0 ||
    name.includes('\\') ||
    name.includes('\0') ||
    segments.some((segment) => segment === '' || segment === '.' || segment === '..');
  if (unsafe) throw new PkpassBundleError(`invalid file name in pass bundle: ${JSON.stringify(name)}`);
  if (segments.some((segment) => JUNK_SEGMENTS.has(segment))) {
    throw new PkpassBundleError(`file ${JSON.stringify(name)} does not belong in a pass bundle`);
  }
}

function assertJsonObject(passJson: Uint8Array): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(passJson.buffer, passJson.byteOffset, passJson.byteLength).toString('utf8'));
  } catch {
    throw new PkpassBundleError('pass.json is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new PkpassBundleError('pass.json must be a JSON object');
  }
}
