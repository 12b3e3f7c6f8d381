import { createTestCa, issuePassCertificate } from '@wp/pkpass/testing';
import { Admin, Fleet, TenantFixture, bootstrapAdmin, onboardTenant, waitFor } from '@wp/testing';
import Redis from 'ioredis';
import { createConnection } from 'node:net';
import { ledger } from './scale-out.helpers';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * What a paused or missing service and a stranger on Redis find: a 503 means nothing was
 * changed, nobody waits the full deadline for a service that is not there, forged requests are
 * never executed, and no secret crosses Redis readable.
 */
describe('the request bus under faults and hostile neighbours', () => {
  let fleet: Fleet;
  let admin: Admin;
  let tenant: TenantFixture;
  let redis: Redis;

  beforeAll(async () => {
    fleet = await Fleet.start({ env: { RPC_TIMEOUT_MS: '5000' } });
    admin = await bootstrapAdmin(fleet);
    tenant = await onboardTenant(fleet, admin);
    redis = new Redis(REDIS_URL);
  });
  afterAll(async () => {
    redis?.disconnect();
    await fleet?.stop();
  });

  test('writes to a paused service answer 503 and, once it resumes, none of them is applied', async () => {
    expect((await tenant.api.post('/v1/members/register', { member_id: 'PAUSED' })).status).toBe(201);
    fleet.signal('member-data', 'SIGSTOP');
    let answers: number[];
    try {
      answers = await Promise.all(
        Array.from({ length: 6 }, async () => (await tenant.api.put('/v1/members/PAUSED/points', { operation: 'add', points: 5 })).status),
      );
    } finally {
      fleet.signal('member-data', 'SIGCONT');
    }
    expect(answers).toEqual([503, 503, 503, 503, 503, 503]);
    // Let the resumed replica see every queued call (and refuse it) before looking at the ledger.
    const stream = `${fleet.namespace}:rpc:member-data`;
    await waitFor('the resumed replica to drain its stream', async () => {
      const [length, pending] = await Promise.all([redis.xlen(stream), redis.xpending(stream, 'replicas') as Promise<[number]>]);
      return length === 0 && Number(pending[0]) === 0 ? true : undefined;
    });
    expect((await tenant.api.get('/v1/members/PAUSED')).body.data.points).toBe(0);
    expect((await ledger(fleet, tenant.tenantId)).rows.filter((r) => r.member_id === 'PAUSED')).toEqual([]);
  });

  test('with no replica of a service running, its routes answer 503 at once, naming it, and work again after it returns', async () => {
    await fleet.kill('pass-generation');
    try {
      // Its last heartbeat ages out within RPC_LIVENESS_MS; from then on the gateway knows at once.
      const response = await waitFor('the gateway to see no live pass-generation', async () => {
        const r = await tenant.api.get('/v1/passes');
        return r.status === 503 && /No replica/.test(r.body.message) ? r : undefined;
      }, 60_000);
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBeTruthy();
      // The fast path: the gateway saw no live replica before queueing (not a deadline expiring).
      expect(response.body.message).toMatch(/No replica of pass-generation is running/);
    } finally {
      await fleet.respawn('pass-generation');
    }
    expect((await tenant.api.get('/v1/passes')).status).toBe(200);
  });

  test('a request written to Redis by someone without the fleet key is dropped, never executed', async () => {
    const stream = `${fleet.namespace}:rpc:tenant-management`;
    const forged = JSON.stringify({
      id: 'forged-1',
      p: 'tenant.internal.apple-credentials',
      d: { ctx: { requestId: 'x', actor: { kind: 'system', service: 'pass-generation' }, tenantId: tenant.tenantId }, payload: {} },
      r: 'attacker',
      dl: Date.now() + 60_000,
    });
    await redis.xadd(stream, '*', 'm', forged);
    await waitFor('the forged entry to be dropped', () => (fleet.logs('tenant-management').some((l) => l.includes('does not open with the fleet')) ? true : undefined));
    expect(await redis.xlen(stream)).toBe(0);
    expect(await redis.llen(`${fleet.namespace}:rpc-reply:attacker`)).toBe(0);
  });

  test('uploading Apple credentials and signing with them sends nothing readable over Redis: MONITOR sees no key', async () => {
    // A raw socket, as an intruder would use: ioredis's MONITOR mode trips over binary payloads.
    const { hostname, port } = new URL(REDIS_URL);
    const monitor = createConnection({ host: hostname, port: Number(port || 6379) });
    const seen: string[] = [];
    monitor.setEncoding('latin1');
    monitor.on('data', (chunk: string) => seen.push(chunk));
    await new Promise<void>((resolve) => monitor.once('connect', () => resolve()));
    monitor.write('MONITOR\r\n');
    await waitFor('MONITOR to start', () => (seen.join('').startsWith('+OK') ? true : undefined));
    try {
      const ca = createTestCa('Stand-in Apple CA');
      const certificate = issuePassCertificate(ca, { passTypeIdentifier: 'pass.com.example.bus', teamIdentifier: 'ABCDE12345' });
      const stored = await tenant.api.put('/v1/tenant/apple', {
        pass_type_identifier: 'pass.com.example.bus',
        team_identifier: 'ABCDE12345',
        certificate_pem: certificate.certificatePem,
        private_key_pem: certificate.privateKeyPem,
      });
      expect(stored.status).toBe(200);
      expect((await tenant.api.post('/v1/members/register', { member_id: 'SIGNED' })).status).toBe(201);
      const pass = await tenant.api.post('/v1/passes/create-from-member', { member_id: 'SIGNED', pass_type: 'apple', company_name: 'Example Coffee' });
      expect(pass.status).toBe(201);
      expect(pass.body.data.signing).toBe('production');
      await waitFor('MONITOR to have seen the bus traffic', () => (seen.join('').includes(`${fleet.namespace}:rpc:pass-generation`) ? true : undefined));
      const keyBody = certificate.privateKeyPem.split('\n').filter((l) => l && !l.startsWith('-----'))[1];
      const traffic = seen.join('');
      expect(traffic).not.toContain('PRIVATE KEY');
      expect(traffic).not.toContain(keyBody);
      expect(traffic).not.toContain(tenant.apiKey);
    } finally {
      monitor.destroy();
    }
  });
});
