// Three tiers: unit specs beside the code, integration specs against the real
// local Postgres and Redis, end-to-end specs that boot the whole fleet from dist/.
const { swcOptions } = require('./tools/swc-options.cjs');
const { compilerOptions } = require('./tsconfig.base.json');

const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [`^${alias}$`, `<rootDir>/${target}`]),
);
// pkijs and asn1js (CMS parsing in @wp/pass-doctor) ship only as ES modules. Node loads them
// through require(esm); Jest's module system cannot, so these packages are compiled like our code.
const ESM_ONLY_PACKAGES = ['pkijs', 'asn1js', '@peculiar/utils', 'bytestreamjs', '@noble/hashes'];
const transform = {
  '^.+\\.ts$': ['@swc/jest', swcOptions({ rewritePaths: false })],
  '^.+\\.js$': ['@swc/jest', { ...swcOptions({ rewritePaths: false }), jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' } }],
};
const transformIgnorePatterns = [`/node_modules/(?!(${ESM_ONLY_PACKAGES.join('|')})/)`];
// The console's components render in jsdom; TSX compiles with React's automatic runtime.
const consoleTransform = {
  '^.+\\.tsx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } }, target: 'es2022' }, module: { type: 'commonjs' } }],
};
const common = { rootDir: __dirname, testTimeout: 300_000, transform, transformIgnorePatterns, moduleNameMapper, testEnvironment: 'node', setupFiles: ['reflect-metadata'] };

module.exports = {
  testTimeout: 300_000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,gateway,deploy,tools}/**/*.spec.ts'] },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/{apps,libs,gateway}/**/*.int-spec.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/e2e/**/*.e2e-spec.ts'] },
    { ...common, displayName: 'console', testEnvironment: 'jsdom', transform: consoleTransform, setupFiles: [], testMatch: ['<rootDir>/apps/console/**/*.spec.tsx'] },
  ],
};
