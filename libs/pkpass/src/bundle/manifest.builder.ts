import { hash } from 'node:crypto';

/**
 * manifest.json: every file of the pass (manifest.json and signature excepted) mapped to
 * the lowercase hex SHA-1 of its bytes.
 */
export function buildManifest(files: ReadonlyArray<{ name: string; data: Uint8Array }>): Buffer {
  const manifest: Record<string, string> = {};
  for (const file of files) manifest[file.name] = hash('sha1', file.data, 'hex');
  return Buffer.from(JSON.stringify(manifest), 'utf8');
}
