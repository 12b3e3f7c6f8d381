// The SDK's types (libs/sdk/src/generated/openapi.ts) are the gateway's OpenAPI document run
// through openapi-typescript. `npm run sdk:types` regenerates them after an API change;
// tools/sdk-types.spec.ts fails while the committed file differs from what this writes.
// Needs dist/ (npm run build): the document comes from dist/tools/openapi-document.js.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
export const SDK_TYPES = path.join(root, 'libs/sdk/src/generated/openapi.ts');

export function generateSdkTypes(target = SDK_TYPES) {
  const scratch = mkdtempSync(path.join(tmpdir(), 'sdk-types-'));
  try {
    const document = path.join(scratch, 'openapi.json');
    // A public-looking server URL: openapi-typescript's bundled lint refuses localhost.
    const env = { ...process.env, PUBLIC_BASE_URL: 'https://walletpass.test' };
    execFileSync(process.execPath, [path.join(root, 'dist/tools/openapi-document.js'), document], { cwd: root, env, stdio: 'pipe' });
    execFileSync(process.execPath, [path.join(root, 'node_modules/openapi-typescript/bin/cli.js'), document, '--output', target], { cwd: root, stdio: 'pipe' });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return target;
}

if (process.argv[1] && path.resolve(process.argv[1]) === new URL(import.meta.url).pathname) {
  console.log(`wrote ${path.relative(process.cwd(), generateSdkTypes(process.argv[2] ? path.resolve(process.argv[2]) : SDK_TYPES))}`);
}
