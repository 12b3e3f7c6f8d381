import { ApiClient, deleteNamespaceKeys, freePort, repoRoot, waitFor } from '@wp/testing';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Client } from 'pg';
import { FLEET_BOOT_TIMEOUT_MS } from './foundation.helpers';

// eslint-disable-next-line no-control-regex
const plain = (line: string) => line.replace(/\x1b\[[0-9;]*m/g, '');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Issue 12, item 4: `npm start` supervises its processes. Started as `npm start` runs it
 * (tools/start.mjs, on a dist/ built already): a service killed with SIGKILL is started
 * again with a growing backoff while the gateway keeps answering for the others, and Ctrl-C
 * (SIGINT) still stops every process it started.
 */
describe('npm start: the supervisor', () => {
  const namespace = `t${randomBytes(5).toString('hex')}`;
  const database = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  database.pathname = `/wp_test_${namespace}`;
  const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const lines: string[] = [];
  let supervisor: ChildProcess;
  let api: ApiClient;
  let port: number;

  /** `name started (pid N)` lines, in order. */
  const started = (name: string) => lines.map((l) => new RegExp(`^${name}\\s+started \\(pid (\\d+)\\)`).exec(l)).filter((m) => m !== null).map((m) => Number(m[1]));

  beforeAll(async () => {
    port = await freePort();
    supervisor = spawn(process.execPath, [path.join(repoRoot(), 'tools/start.mjs'), '--no-build'], {
      cwd: repoRoot(),
      env: {
        ...process.env,
        NODE_ENV: 'test',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: database.toString(),
        REDIS_URL: redisUrl,
        WP_NAMESPACE: namespace,
        MASTER_KEY: randomBytes(32).toString('hex'),
        OPS_PORT: '0',
        RPC_TIMEOUT_MS: '30000',
        PASSWORD_HASH_COST: '10',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [supervisor.stdout!, supervisor.stderr!]) {
      let partial = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        const all = (partial + chunk).split('\n');
        partial = all.pop() ?? '';
        lines.push(...all.map(plain));
      });
    }
    api = new ApiClient(`http://127.0.0.1:${port}`);
    await waitFor('the supervised fleet to be healthy', async () => ((await api.get('/health').catch(() => null))?.status === 200 ? true : undefined), FLEET_BOOT_TIMEOUT_MS, 200);
  }, FLEET_BOOT_TIMEOUT_MS + 10_000);

  afterAll(async () => {
    if (supervisor && supervisor.exitCode === null) supervisor.kill('SIGINT');
    const admin = new Client({ connectionString: database.toString().replace(/\/[^/]+$/, '/postgres') });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "wp_test_${namespace}" WITH (FORCE)`);
    await admin.end();
    await deleteNamespaceKeys(redisUrl, namespace);
  });

  it('restarts a killed service with backoff while the rest keep serving', async () => {
    const [first] = started('member-data');
    process.kill(first, 'SIGKILL');
    await waitFor('the supervisor to see member-data die', () => lines.find((l) => /^member-data\s+exited \(SIGKILL\); restarting in 500 ms/.test(l)));
    // The gateway and the other services did not go down with it.
    for (const host of ['tenant', 'generate', 'notification']) {
      const response = await api.get('/health', { headers: { host: `${host}.localhost:${port}` } });
      expect(response.status).toBe(200);
    }
    expect(alive(started('gateway')[0])).toBe(true);

    const second = await waitFor('member-data started again', () => started('member-data')[1]);
    expect(second).not.toBe(first);
    await waitFor('member-data healthy again', async () => ((await api.get('/health', { headers: { host: `member.localhost:${port}` } })).status === 200 ? true : undefined), 120_000, 200);

    // Dying again soon after a restart waits longer before the next one.
    process.kill(second, 'SIGKILL');
    await waitFor('a doubled backoff', () => lines.find((l) => /^member-data\s+exited \(SIGKILL\); restarting in 1000 ms/.test(l)));
    await waitFor('member-data started a third time', () => started('member-data')[2]);
    await waitFor('the fleet healthy again', async () => ((await api.get('/health')).status === 200 ? true : undefined), 120_000, 200);
  }, 300_000);

  it('stops every process it started on Ctrl-C (SIGINT)', async () => {
    const pids = ['tenant-management', 'member-data', 'pass-generation', 'notification', 'gateway'].flatMap(started);
    const exited = new Promise<number | null>((resolve) => supervisor.once('exit', (code) => resolve(code)));
    supervisor.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(pids.filter(alive)).toEqual([]);
  }, 120_000);
});
