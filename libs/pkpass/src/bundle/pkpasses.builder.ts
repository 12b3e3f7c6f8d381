import { PkpassBundleError } from '../pkpass.errors';
import { writeStoredZip } from './stored-zip.writer';

/** Wallet opens at most this many passes from one `.pkpasses` file. */
export const MAX_PASSES_PER_BUNDLE = 10;

export interface BundledPass {
  /** The entry's name in the archive, ending in `.pkpass`. */
  filename: string;
  /** A complete signed `.pkpass`, valid on its own. */
  pkpass: Uint8Array;
}

/**
 * A `.pkpasses` file (MIME type `application/vnd.apple.pkpasses`, iOS 15 and later): a zip
 * whose entries are signed `.pkpass` files, which Wallet offers to add together. The passes
 * are stored as they are, so each keeps its own manifest and signature.
 */
export function createPkpasses(passes: BundledPass[], modified: Date = new Date()): Buffer {
  if (passes.length === 0) throw new PkpassBundleError('a .pkpasses bundle needs at least one pass');
  if (passes.length > MAX_PASSES_PER_BUNDLE) throw new PkpassBundleError(`a .pkpasses bundle holds at most ${MAX_PASSES_PER_BUNDLE} passes`);
  const names = new Set<string>();
  for (const { filename } of passes) {
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*\.pkpass$/.test(filename)) throw new PkpassBundleError(`invalid pass file name in a .pkpasses bundle: ${JSON.stringify(filename)}`);
    if (names.has(filename)) throw new PkpassBundleError(`${filename} is in the bundle twice`);
    names.add(filename);
  }
  return writeStoredZip(passes.map(({ filename, pkpass }) => ({ name: filename, data: pkpass })), modified);
}
