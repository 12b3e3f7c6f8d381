// `npm test`: build the fleet once, make the test TLS CA, then run every Jest tier.
// Extra arguments go to Jest, e.g. `npm test -- --selectProjects unit` or a path filter.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { build } from './build.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

const { count, ms } = await build();
console.log(`built ${count} files into dist/ in ${ms} ms`);

// Fakes of TLS services (APNs) present certificates from this CA; every test process and
// every fleet process trusts it through Node's standard NODE_EXTRA_CA_CERTS.
const { ensureTestCa } = require(path.join(root, 'dist/libs/apns/src/testing/test-ca.js'));
const ca = await ensureTestCa(path.join(root, '.local/test-ca'));

const env = { ...process.env, NODE_EXTRA_CA_CERTS: ca.caFile, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' };
const jest = require.resolve('jest/bin/jest');
const args = [jest, '--ci', ...process.argv.slice(2)];
// Two cores: Jest workers plus fleets of five processes; keep the worker count small.
if (!process.argv.slice(2).some((a) => a.startsWith('--maxWorkers') || a === '-i' || a === '--runInBand')) args.push('--maxWorkers=2');
const result = spawnSync(process.execPath, args, { cwd: root, env, stdio: 'inherit' });
process.exit(result.status ?? 1);
