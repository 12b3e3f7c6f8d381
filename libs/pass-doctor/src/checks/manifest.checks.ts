import { createHash } from 'node:crypto';
import { Problem, problem } from '../problems';

const MANIFEST = 'manifest.json';
const SIGNATURE = 'signature';

/** manifest.json lists the SHA-1 of every other file; Wallet refuses any disagreement. */
export function checkManifest(files: Map<string, Buffer>): { manifest?: Buffer; problems: Problem[] } {
  const manifest = files.get(MANIFEST);
  if (!manifest) {
    return { problems: [problem('missing_manifest', 'The bundle has no manifest.json (the SHA-1 of every file). Sign the pass with a tool that writes the manifest and signature.', MANIFEST)] };
  }
  let listed: unknown;
  try {
    listed = JSON.parse(manifest.toString('utf8'));
  } catch {
    listed = undefined;
  }
  if (typeof listed !== 'object' || listed === null || Array.isArray(listed)) {
    return { manifest, problems: [problem('invalid_manifest', 'manifest.json is not a JSON object of file names to SHA-1 hashes. Sign the pass again.', MANIFEST)] };
  }
  const hashes = listed as Record<string, unknown>;
  const problems: Problem[] = [];
  for (const [name, data] of files) {
    if (name === MANIFEST || name === SIGNATURE) continue;
    if (!Object.prototype.hasOwnProperty.call(hashes, name)) {
      problems.push(problem('file_not_in_manifest', `${name} is in the bundle but not in manifest.json; Wallet refuses the pass. Remove the file or sign the pass again after adding it.`, name));
      continue;
    }
    const expected = hashes[name];
    const actual = createHash('sha1').update(data).digest('hex');
    if (typeof expected !== 'string' || expected.toLowerCase() !== actual) {
      problems.push(problem('manifest_hash_mismatch', `${name} changed after the pass was signed (its SHA-1 is ${actual}, manifest.json says ${String(expected)}). Sign the pass again after the last edit.`, name));
    }
  }
  for (const name of Object.keys(hashes)) {
    if (!files.has(name)) {
      problems.push(problem('manifest_file_missing', `manifest.json lists ${name}, which is not in the bundle. Add the file or sign the pass again without it.`, name));
    }
  }
  return { manifest, problems };
}
