import { Fleet, TenantFixture, bootstrapAdmin, onboardTenant, waitFor } from '@wp/testing';
import Redis from 'ioredis';
import { Client } from 'pg';
import { FLEET_BOOT_TIMEOUT_MS } from '../foundation/foundation.helpers';

/**
 * Found by `npm run chaos`: a gateway killed after its service committed a write but before
 * the answer came back. The client never saw the answer and retries with its Idempotency-Key.
 * The gateway's "running" marker used to live 24 h (every retry a 409 for a day); once it
 * expires, the retry used to create a second pass. Now the marker lives for the RPC deadline
 * plus a margin, and the service derives the new row's id from the hashed key, so the retry
 * gets the first attempt's pass and member back.
 */
describe('hardening: a retry after the gateway died mid-write', () => {
  let fleet: Fleet;
  let tenant: TenantFixture;
  let redis: Redis;
  let db: Client;

  beforeAll(async () => {
    fleet = await Fleet.start({
      env: {
        // Short enough that the dead gateway's marker expires within the test; a paused service
        // must still count as alive while the requests are queued for it.
        RPC_TIMEOUT_MS: '15000',
        RPC_LIVENESS_MS: '60000',
        CREDENTIAL_CACHE_TTL_MS: '60000',
      },
    });
    tenant = await onboardTenant(fleet, await bootstrapAdmin(fleet), 'Crash Retry');
    redis = new Redis(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');
    db = new Client({ connectionString: fleet.databaseUrl });
    await db.connect();
  }, FLEET_BOOT_TIMEOUT_MS);
  afterAll(async () => {
    await db?.end();
    redis?.disconnect();
    await fleet?.stop();
  });

  it('replays the member and the pass the first attempt created, and creates no second one', async () => {
    expect((await tenant.api.post('/v1/members/register', { member_id: 'holder' })).status).toBe(201);
    // The credential is cached now: the writes below need no tenant-management call.
    expect((await tenant.api.get('/v1/tenant')).status).toBe(200);

    const register = { path: '/v1/members/register', body: { member_id: 'newcomer' }, headers: { 'idempotency-key': 'register-newcomer' } };
    const create = { path: '/v1/passes/create-from-member', body: { member_id: 'holder', pass_type: 'apple', company_name: 'Crash Retry' }, headers: { 'idempotency-key': 'pass-for-holder' } };

    // Both services paused: the gateway queues each request and waits for its answer.
    fleet.signal('member-data', 'SIGSTOP');
    fleet.signal('pass-generation', 'SIGSTOP');
    const firstAttempts = [register, create].map((r) => tenant.api.post(r.path, r.body, { headers: r.headers }).then((response) => response.status, (error: Error) => error.message));
    await waitFor('both requests queued on the bus', async () => {
      const [members, passes] = await Promise.all([redis.xlen(`${fleet.namespace}:rpc:member-data`), redis.xlen(`${fleet.namespace}:rpc:pass-generation`)]);
      return members > 0 && passes > 0 ? true : undefined;
    });
    // The gateway dies before any answer; the services go on and commit both writes.
    await fleet.kill('gateway');
    fleet.signal('member-data', 'SIGCONT');
    fleet.signal('pass-generation', 'SIGCONT');
    // Neither client saw an answer: the connection died with the gateway.
    for (const attempt of await Promise.all(firstAttempts)) expect(typeof attempt).toBe('string');
    const passesOfHolder = async () => (await db.query(`SELECT id FROM pass.passes WHERE tenant_id = $1 AND member_id = 'holder'`, [tenant.tenantId])).rows.map((r) => r.id as string);
    const newcomers = async () => (await db.query(`SELECT id FROM member.members WHERE tenant_id = $1 AND member_id = 'newcomer'`, [tenant.tenantId])).rows.map((r) => r.id as string);
    await waitFor('the first attempts committed', async () => ((await passesOfHolder()).length === 1 && (await newcomers()).length === 1 ? true : undefined), 120_000);

    await fleet.respawn('gateway');
    // A well-behaved client retries with the same key; 409 while the dead gateway's marker lives.
    const retry = (r: typeof register) =>
      waitFor(`${r.path} retried past the in-flight marker`, async () => {
        const response = await tenant.api.post(r.path, r.body, { headers: r.headers });
        return response.status === 409 ? undefined : response;
      }, 120_000, 500);
    const [registered, created] = [await retry(register), await retry(create)];

    expect(registered.status).toBe(201);
    expect(registered.body.data.member_id).toBe('newcomer');
    expect(created.status).toBe(201);
    expect(await newcomers()).toHaveLength(1);
    expect(await passesOfHolder()).toEqual([created.body.data.pass_id]);

    // From now on the gateway holds the answer: a further retry replays it.
    const again = await tenant.api.post(create.path, create.body, { headers: create.headers });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.data.pass_id).toBe(created.body.data.pass_id);
  }, 600_000);
});
