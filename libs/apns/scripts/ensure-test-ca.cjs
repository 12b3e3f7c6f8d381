// Creates (or reuses) the test CA before Jest or the fleet starts: Node reads
// NODE_EXTRA_CA_CERTS once at start-up, so the file must exist first.
// Usage: node libs/apns/scripts/ensure-test-ca.cjs [dir]   (default .local/test-ca)
// Prints the ca.pem path to export as NODE_EXTRA_CA_CERTS.
const fs = require('node:fs');
const path = require('node:path');
const swc = require('@swc/core');
const { swcOptions } = require('../../../tools/swc-options.cjs');

// Load the TypeScript source directly so this works before `npm run build`.
require.extensions['.ts'] = (module, filename) => {
  const { code } = swc.transformSync(fs.readFileSync(filename, 'utf8'), { ...swcOptions({ rewritePaths: false }), filename, sourceMaps: false });
  module._compile(code, filename);
};

const { ensureTestCa } = require('../src/testing/test-ca.ts');
const { caFile } = ensureTestCa(path.resolve(process.argv[2] ?? '.local/test-ca'));
console.log(caFile);
