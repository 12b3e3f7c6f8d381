import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '..');

/**
 * The SDK is typed by the API it calls: an API change that the committed types do not have
 * fails here (and a caller the change breaks fails the typecheck), instead of at a user's.
 */
describe('SDK types', () => {
  it('are what openapi-typescript makes of the gateway OpenAPI document today (npm run sdk:types)', () => {
    const scratch = mkdtempSync(path.join(tmpdir(), 'sdk-types-spec-'));
    try {
      const fresh = path.join(scratch, 'openapi.ts');
      execFileSync(process.execPath, [path.join(root, 'tools/sdk-types.mjs'), fresh], { cwd: root, stdio: 'pipe' });
      const committed = readFileSync(path.join(root, 'libs/sdk/src/generated/openapi.ts'), 'utf8');
      expect(readFileSync(fresh, 'utf8') === committed ? 'up to date' : 'stale: run npm run sdk:types and commit libs/sdk/src/generated/openapi.ts').toBe('up to date');
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});
