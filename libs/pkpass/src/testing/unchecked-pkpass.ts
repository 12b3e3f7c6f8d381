import { buildManifest } from '../bundle/manifest.builder';
import { signDetached } from '../cms/detached-signature.writer';
import { PassSigner, signerMaterial } from '../cms/signer-material';

/**
 * manifest.json and signature over any files, skipping createPkpass's checks (pass.json and
 * icon present, safe names), so tests can build the broken bundles a doctor must diagnose.
 */
export function signFilesUnchecked(files: Record<string, Buffer>, signer: PassSigner, signingTime = new Date()): Record<string, Buffer> {
  const manifest = buildManifest(Object.entries(files).map(([name, data]) => ({ name, data })));
  return { ...files, 'manifest.json': manifest, signature: signDetached(manifest, signerMaterial(signer), signingTime) };
}
