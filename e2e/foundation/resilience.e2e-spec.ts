import { Admin, Fleet, TenantFixture, bootstrapAdmin, onboardTenant } from '@wp/testing';
import { randomBytes } from 'node:crypto';
import { FLEET_BOOT_TIMEOUT_MS, expectError, listAll } from './foundation.helpers';

/**
 * A service that dies must cost the caller a prompt 503 with Retry-After, never a hang or a
 * half-applied write, and service must come back when the process does.
 */
describe('a service killed mid-request', () => {
  let fleet: Fleet;
  let admin: Admin;
  let tenant: TenantFixture;

  beforeAll(async () => {
    // A short RPC deadline keeps the outage cases quick; the behaviour is the same at 5 s.
    // (Not shorter: scrypt logins must still fit in it on a loaded machine.)
    fleet = await Fleet.start({ env: { RPC_TIMEOUT_MS: '2000' } });
    admin = await bootstrapAdmin(fleet);
    tenant = await onboardTenant(fleet, admin);
  }, FLEET_BOOT_TIMEOUT_MS);
  afterAll(async () => {
    await fleet?.stop();
  });

  test('the caller gets a 503 envelope with Retry-After, and a restart restores service', async () => {
    // A failed login is slow on purpose (scrypt, then the failure delay): it is still in
    // tenant-management when the process dies.
    const inFlight = fleet.api.post('/v1/auth/login', { email: admin.email, password: 'not the right password' });
    await fleet.kill('tenant-management');
    const cutOff = await inFlight;
    expectError(cutOff, 503);
    expect(Number(cutOff.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);

    const meanwhile = await tenant.api.get('/v1/tenant');
    expectError(meanwhile, 503);
    expect(Number(meanwhile.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);

    const aggregate = await fleet.api.get('/health');
    expect(aggregate.status).toBe(503);
    expect(aggregate.body.checks).toEqual(expect.objectContaining({ 'tenant-management': 'down', 'member-data': 'up', 'pass-generation': 'up', notification: 'up' }));
    expect((await fleet.api.get('/health', { headers: { host: 'tenant.localhost' } })).status).toBe(503);
    expect((await fleet.api.get('/health', { headers: { host: 'member.localhost' } })).status).toBe(200);

    await fleet.restart('tenant-management');
    const me = await tenant.api.get('/v1/tenant');
    expect(me.status).toBe(200);
    expect(me.body.data.tenant_id).toBe(tenant.tenantId);
    expect((await admin.api.get('/v1/tenants')).status).toBe(200);
    expect((await fleet.api.get('/health')).status).toBe(200);
  });

  test('a write refused with 503 is not applied, and its Idempotency-Key is free for the retry', async () => {
    const company = `Outage ${randomBytes(4).toString('hex')}`;
    const body = { company_name: company, contact_email: 'outage@example.com', contact_name: 'Outage' };
    const headers = { 'idempotency-key': `outage-${randomBytes(8).toString('hex')}` };
    // Warm the gateway's credential cache, so the write itself (not the credential check) meets the outage.
    expect((await admin.api.get('/v1/tenants?limit=1')).status).toBe(200);
    await fleet.kill('tenant-management');

    const refused = await admin.api.post('/v1/onboard', body, { headers });
    expectError(refused, 503);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);

    await fleet.restart('tenant-management');
    expect((await listAll(admin.api, '/v1/tenants')).filter((t) => t.company_name === company)).toHaveLength(0);
    const retried = await admin.api.post('/v1/onboard', body, { headers });
    expect(retried.status).toBe(201);
    expect(retried.headers.get('idempotent-replayed')).toBeNull();
    expect((await listAll(admin.api, '/v1/tenants')).filter((t) => t.company_name === company)).toHaveLength(1);
  });
});
