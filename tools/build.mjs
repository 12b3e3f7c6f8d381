// Compiles every TypeScript source of the fleet into dist/ with SWC (seconds, not minutes).
// Type checking is `npm run typecheck`; this step only emits runnable CommonJS, with the
// @wp/* aliases rewritten to relative paths so plain `node` can run the output.
import { createRequire } from 'node:module';
import { mkdir, readdir, writeFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { buildConsole } from './console-build.mjs';

const require = createRequire(import.meta.url);
const swc = require('@swc/core');
const { swcOptions, root } = require('./swc-options.cjs');

const SOURCE_DIRS = ['apps', 'libs', 'gateway', 'tools', 'bench'];
const SKIP = /(\.spec|\.int-spec|\.e2e-spec|\.d)\.ts$/;

async function* walk(dir) {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      // apps/console is a browser app: Vite builds it (tools/console-build.mjs), not SWC.
      if (entry.name !== 'node_modules' && full !== path.join(root, 'apps/console')) yield* walk(full);
    } else if (entry.name.endsWith('.ts') && !SKIP.test(entry.name)) {
      yield full;
    }
  }
}

export async function build() {
  const started = Date.now();
  const out = path.join(root, 'dist');
  await rm(out, { recursive: true, force: true });
  const options = swcOptions({ rewritePaths: true });
  let count = 0;
  const jobs = [];
  for (const dir of SOURCE_DIRS) {
    for await (const file of walk(path.join(root, dir))) {
      jobs.push(
        (async () => {
          const target = path.join(out, path.relative(root, file)).replace(/\.ts$/, '.js');
          const { code, map } = await swc.transformFile(file, { ...options, filename: file, outputPath: target });
          await mkdir(path.dirname(target), { recursive: true });
          await writeFile(target, map ? `${code}\n//# sourceMappingURL=${path.basename(target)}.map` : code);
          if (map) await writeFile(`${target}.map`, map);
          count += 1;
        })(),
      );
    }
  }
  await Promise.all(jobs);
  const web = await buildConsole(root);
  return { count, ms: Date.now() - started, console: web };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { count, ms, console: web } = await build();
  console.log(`built ${count} files into dist/ in ${ms} ms (console ${web.rebuilt ? `rebuilt in ${web.ms} ms` : 'unchanged'})`);
}
