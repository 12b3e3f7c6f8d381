// The operator console (apps/console, React + Vite) is built by Vite, not SWC. The build is
// cached under .local/console-build keyed by a hash of everything it is made from (its
// sources, the fleet's OpenAPI types it is typed against, the lock file), so `npm start`
// and `npm test` pay for Vite only after a change, and a stale bundle is never copied into
// dist/console, the folder the gateway serves at /console.
import { createHash } from 'node:crypto';
import { cp, mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

const SKIP = /\.spec\.tsx?$/;

async function* files(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'dist') yield* files(full);
    } else if (!SKIP.test(entry.name)) yield full;
  }
}

/** A digest of every input of the console bundle. */
export async function consoleSourceHash(root) {
  const inputs = [];
  for await (const file of files(path.join(root, 'apps/console'))) inputs.push(file);
  inputs.push(path.join(root, 'libs/sdk/src/generated/openapi.ts'), path.join(root, 'package-lock.json'));
  inputs.sort();
  const hash = createHash('sha256');
  for (const file of inputs) {
    hash.update(path.relative(root, file)).update('\0');
    hash.update(await readFile(file).catch(() => Buffer.alloc(0))).update('\0');
  }
  return hash.digest('hex');
}

/** Builds the console if its inputs changed, then copies it to dist/console. */
export async function buildConsole(root) {
  const started = Date.now();
  const cache = path.join(root, '.local/console-build');
  const out = path.join(cache, 'out');
  const stampFile = path.join(cache, 'stamp');
  const hash = await consoleSourceHash(root);
  const stamp = await readFile(stampFile, 'utf8').catch(() => '');
  // The stamp alone is not proof: the bundle it describes must still be there.
  const built = await readFile(path.join(out, 'build-hash.txt'), 'utf8').catch(() => '');
  let rebuilt = false;
  if (stamp.trim() !== hash || built.trim() !== hash) {
    // Built beside the cache and renamed in, so a concurrent build never sees half a bundle.
    const scratch = path.join(cache, `out-${process.pid}-${Date.now()}`);
    await mkdir(cache, { recursive: true });
    const { build } = await import('vite');
    await build({ configFile: path.join(root, 'apps/console/vite.config.mts'), logLevel: 'warn', build: { outDir: scratch, emptyOutDir: true } });
    await writeFile(path.join(scratch, 'build-hash.txt'), `${hash}\n`);
    await rm(out, { recursive: true, force: true });
    await rename(scratch, out);
    await writeFile(stampFile, hash);
    rebuilt = true;
  }
  await cp(out, path.join(root, 'dist/console'), { recursive: true });
  return { rebuilt, ms: Date.now() - started };
}
