import { existsSync } from 'node:fs';
import path from 'node:path';

/** The monorepo root, found from this file whether it runs from src/ (Jest) or dist/. */
export function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'nx.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('could not find the repository root (nx.json)');
    dir = parent;
  }
  return dir;
}
