import { issueServerCertificate, testCaFromEnvironment } from '@wp/apns/testing';
import { Fleet, TenantFixture, bootstrapAdmin, freePort, onboardTenant, waitFor } from '@wp/testing';
import Redis from 'ioredis';
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { FLEET_BOOT_TIMEOUT_MS } from '../foundation/foundation.helpers';

/**
 * Issue 12, item 3: the bus speaks TLS to Redis from a `rediss://` REDIS_URL. A Redis of the
 * test's own, TLS only (no plain port), with a certificate of the test CA every fleet
 * process trusts (NODE_EXTRA_CA_CERTS, set by `npm test`); the whole fleet runs through it.
 */
describe('scale-out: the fleet over TLS to Redis (rediss://)', () => {
  let dir: string;
  let redisServer: ChildProcess;
  let url: string;
  let fleet: Fleet;
  let tenant: TenantFixture;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'wp-redis-tls-'));
    const certificate = issueServerCertificate(testCaFromEnvironment(), ['127.0.0.1']);
    writeFileSync(path.join(dir, 'redis.crt'), certificate.certificatePem);
    writeFileSync(path.join(dir, 'redis.key'), certificate.privateKeyPem, { mode: 0o600 });
    const port = await freePort();
    redisServer = spawn(
      'redis-server',
      ['--port', '0', '--tls-port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--tls-cert-file', path.join(dir, 'redis.crt'), '--tls-key-file', path.join(dir, 'redis.key'), '--tls-auth-clients', 'no'],
      { stdio: 'ignore' },
    );
    url = `rediss://127.0.0.1:${port}`;
    await waitFor('the TLS Redis to answer', async () => {
      const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      try {
        await probe.connect();
        return (await probe.ping()) === 'PONG' ? true : undefined;
      } catch {
        return undefined;
      } finally {
        probe.disconnect();
      }
    }, 30_000, 200);
    fleet = await Fleet.start({ env: { REDIS_URL: url } });
    tenant = await onboardTenant(fleet, await bootstrapAdmin(fleet), 'TLS Coffee');
  }, FLEET_BOOT_TIMEOUT_MS);

  afterAll(async () => {
    await fleet?.stop();
    if (redisServer && redisServer.exitCode === null) {
      const exited = new Promise((resolve) => redisServer.once('exit', resolve));
      redisServer.kill('SIGTERM');
      await exited;
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('serves requests and events with every connection over TLS', async () => {
    expect((await tenant.api.post('/v1/members/register', { member_id: 'tls-1' })).status).toBe(201);
    const pass = await tenant.api.post('/v1/passes/create-from-member', { member_id: 'tls-1', pass_type: 'apple', company_name: 'TLS Coffee' });
    expect(pass.status).toBe(201);
    expect((await tenant.api.put('/v1/members/tls-1/points', { operation: 'add', points: 7, transaction_reference: 'tls-ref' })).status).toBe(200);
    // The points event reaches pass-generation through BullMQ on the same TLS Redis.
    const db = new Client({ connectionString: fleet.databaseUrl });
    await db.connect();
    try {
      await waitFor('the pass to show the new points', async () => {
        const { rows } = await db.query('SELECT points FROM pass.passes WHERE id = $1', [pass.body.data.pass_id]);
        return rows[0]?.points === 7 ? true : undefined;
      }, 120_000);
    } finally {
      await db.end();
    }
  }, 300_000);
});
