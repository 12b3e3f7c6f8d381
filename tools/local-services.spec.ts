import { freePort, repoRoot, waitFor } from '@wp/testing';
import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Redis from 'ioredis';
import { Client } from 'pg';

const reachable = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

/**
 * `npm start`'s embedded services, for real: the module runs in its own process (as start.mjs
 * imports it), starts PostgreSQL and redis-server on free ports, and stops both when that
 * process exits. Needs the PostgreSQL server binaries and redis-server, as CI has.
 */
describe('tools/local-services.mjs', () => {
  let root: string;
  let child: ChildProcess | undefined;

  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), 'wp-local-'));
    // PostgreSQL runs as its own user when we are root: it must be able to reach .local/pg.
    chmodSync(root, 0o755);
  });
  afterAll(() => {
    if (child?.exitCode === null) child.kill('SIGKILL');
    rmSync(root, { recursive: true, force: true });
  });

  it('starts PostgreSQL and Redis where nothing listens, says so, and stops them on exit', async () => {
    const [pgPort, redisPort] = [await freePort(), await freePort()];
    const script = `
      const { ensureLocalServices } = await import(${JSON.stringify(path.join(repoRoot(), 'tools/local-services.mjs'))});
      const problems = await ensureLocalServices({ root: ${JSON.stringify(root)}, databaseUrl: 'postgres://postgres@127.0.0.1:${pgPort}/walletpass', redisUrl: 'redis://127.0.0.1:${redisPort}' });
      console.log('problems ' + JSON.stringify(problems));
      process.on('SIGTERM', () => process.exit(0));
      setInterval(() => {}, 1000);`;
    child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    await waitFor('the services to be started', () => (output.includes('problems ') ? true : undefined), 60_000);
    expect(output).toContain('problems []');
    expect(output).toContain(`started an embedded PostgreSQL on 127.0.0.1:${pgPort}`);
    expect(output).toContain(`started redis-server on 127.0.0.1:${redisPort}`);

    const db = new Client({ connectionString: `postgres://postgres@127.0.0.1:${pgPort}/postgres` });
    await db.connect();
    expect((await db.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    await db.end();
    const redis = new Redis(`redis://127.0.0.1:${redisPort}`);
    expect(await redis.ping()).toBe('PONG');
    redis.disconnect();

    const exited = new Promise((resolve) => child?.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    await waitFor('both to be stopped', async () => (!(await reachable(pgPort)) && !(await reachable(redisPort)) ? true : undefined), 30_000);
  }, 120_000);
});
