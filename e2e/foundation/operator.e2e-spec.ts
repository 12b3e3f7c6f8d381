import { ADMIN_PASSWORD, ApiClient, ApiResponse, Fleet, TenantFixture, onboardTenant } from '@wp/testing';
import { randomUUID } from 'node:crypto';
import { FLEET_BOOT_TIMEOUT_MS, UUID, expectError, fieldsOf, listAll } from './foundation.helpers';

interface AuditEntry {
  id: string;
  actor: { type: 'admin' | 'bearer_token'; id: string; name: string | null };
  tenant_id: string;
  method: string;
  path: string;
  status: number | null;
  request_id: string;
  created_at: string;
}

/**
 * Contract §8.2: an admin or bearer token with X-Tenant-Id acts as that tenant on every
 * tenant endpoint, a tenant's key never acts as another tenant, and every change made that
 * way is in GET /v1/audit-log with its actor, status and request id.
 */
describe('operators acting on a tenant (X-Tenant-Id) and the audit log', () => {
  let fleet: Fleet;
  let adminId: string;
  let adminApi: ApiClient;
  let bearerId: string;
  let bearerApi: ApiClient;
  let tenantA: TenantFixture;
  let tenantB: TenantFixture;

  /** A client that acts as `tenantId` and tags each request with a fresh X-Request-Id. */
  const actingAs = (api: ApiClient, tenantId: string) => api.with({ 'x-tenant-id': tenantId });
  const requestId = () => `op-${randomUUID()}`;
  const auditOf = (tenantId: string) => listAll<AuditEntry>(adminApi, `/v1/audit-log?tenant_id=${tenantId}`);

  beforeAll(async () => {
    // One token per second and a large burst: the bucket's remaining count then shows whose
    // bucket a call spent, without any test waiting on the clock.
    fleet = await Fleet.start({ processEnv: { gateway: { RATE_LIMIT_RPS: '1', RATE_LIMIT_BURST: '5000' } } });
    const bootstrap = await fleet.api.post('/v1/bootstrap/super-admin', { email: 'ops@walletpass.example', password: ADMIN_PASSWORD, name: 'Ops' });
    expect(bootstrap.status).toBe(201);
    adminId = bootstrap.body.data.admin.id;
    adminApi = fleet.api.withBearer(bootstrap.body.data.access_token);
    const bearer = await adminApi.post('/v1/bearer-tokens', { name: 'Support desk' });
    expect(bearer.status).toBe(201);
    bearerId = bearer.body.data.id;
    bearerApi = fleet.api.withBearer(bearer.body.data.token);
    const admin = { email: 'ops@walletpass.example', accessToken: bootstrap.body.data.access_token, api: adminApi };
    tenantA = await onboardTenant(fleet, admin, 'Operator A');
    tenantB = await onboardTenant(fleet, admin, 'Operator B');
  }, FLEET_BOOT_TIMEOUT_MS);
  afterAll(async () => {
    await fleet?.stop();
  });

  test('an admin token with X-Tenant-Id registers a member, creates a style and reads, exactly as the tenant', async () => {
    const asA = actingAs(adminApi, tenantA.tenantId);
    const me = await asA.get('/v1/tenant');
    expect(me.status).toBe(200);
    expect(me.body.data).toMatchObject({ tenant_id: tenantA.tenantId, company_name: 'Operator A' });

    const registered = await asA.post('/v1/members/register', { member_id: 'OP-1', member_name: 'Olive Operator' });
    expect(registered.status).toBe(201);
    const style = await asA.post('/v1/pass-styles', { name: 'Operator style', brand_colors: { background_color: '#112233' } });
    expect(style.status).toBe(201);

    // The tenant's own key sees what the operator made; the other tenant sees none of it.
    expect((await tenantA.api.get('/v1/members/OP-1')).body.data).toMatchObject({ member_id: 'OP-1', member_name: 'Olive Operator', points: 0 });
    expect((await tenantA.api.get(`/v1/pass-styles/${style.body.data.id}`)).status).toBe(200);
    expectError(await tenantB.api.get('/v1/members/OP-1'), 404);
    expectError(await tenantB.api.get(`/v1/pass-styles/${style.body.data.id}`), 404);

    // And the operator reads as the tenant: lists are the tenant's, one tenant's ids are 404 as the other.
    expect((await listAll(asA, '/v1/members')).map((m) => m.member_id)).toEqual(['OP-1']);
    expectError(await actingAs(adminApi, tenantB.tenantId).get('/v1/members/OP-1'), 404);
    // The id is a UUID in any case.
    expect((await actingAs(adminApi, tenantA.tenantId.toUpperCase()).get('/v1/members/OP-1')).status).toBe(200);
  });

  test('a bearer token (bt_) with X-Tenant-Id acts as the tenant too', async () => {
    const asA = actingAs(bearerApi, tenantA.tenantId);
    expect((await asA.post('/v1/members/register', { member_id: 'BT-1' })).status).toBe(201);
    const points = await asA.put('/v1/members/BT-1/points', { points: 30, operation: 'add', description: 'goodwill' });
    expect(points.status).toBe(200);
    expect(points.body.data).toMatchObject({ member_id: 'BT-1', points: 30, previous_points: 0 });
    expect((await tenantA.api.get('/v1/members/BT-1')).body.data.points).toBe(30);
  });

  test('without the header a token is the wrong role for tenant endpoints, and without credentials it is a 401', async () => {
    expectError(await adminApi.get('/v1/tenant'), 403);
    expectError(await bearerApi.post('/v1/members/register', { member_id: 'NO-HEADER' }), 403);
    expectError(await fleet.api.with({ 'x-tenant-id': tenantA.tenantId }).get('/v1/tenant'), 401);
    expectError(await fleet.api.with({ 'x-tenant-id': tenantA.tenantId }).post('/v1/members/register', { member_id: 'NO-KEY' }), 401);
    // A bad token with the header is still a bad token.
    expectError(await fleet.api.withBearer(`bt_${'0'.repeat(32)}`).with({ 'x-tenant-id': tenantA.tenantId }).get('/v1/tenant'), 403);
    expectError(await tenantA.api.get('/v1/members/NO-HEADER'), 404);
  });

  test('an unknown, malformed or suspended tenant id is a 404, and nothing is applied', async () => {
    for (const id of [randomUUID(), 'not-a-tenant', `${tenantA.tenantId}, ${tenantB.tenantId}`]) {
      const response = await actingAs(adminApi, id).post('/v1/members/register', { member_id: 'GHOST' });
      expectError(response, 404);
    }
    const suspended = await onboardTenant(fleet, { email: 'ops@walletpass.example', accessToken: '', api: adminApi }, 'Operator suspended');
    expect((await adminApi.patch(`/v1/tenants/${suspended.tenantId}`, { status: 'suspended' })).status).toBe(200);
    expectError(await actingAs(adminApi, suspended.tenantId).post('/v1/members/register', { member_id: 'GHOST' }), 404);
    expectError(await actingAs(bearerApi, suspended.tenantId).get('/v1/tenant'), 404);
    expect((await adminApi.patch(`/v1/tenants/${suspended.tenantId}`, { status: 'active' })).status).toBe(200);
    expectError(await suspended.api.get('/v1/members/GHOST'), 404);
    expect(await auditOf(suspended.tenantId)).toEqual([]);
    // Once active again, the operator may act on it.
    expect((await actingAs(adminApi, suspended.tenantId).get('/v1/tenant')).status).toBe(200);
  });

  test("an API key never acts as another tenant: another tenant's id is a 403 and changes nothing", async () => {
    const forged = tenantA.api.with({ 'x-tenant-id': tenantB.tenantId });
    expectError(await forged.post('/v1/members/register', { member_id: 'FORGED' }), 403);
    expectError(await forged.get('/v1/tenant'), 403);
    expectError(await tenantA.api.with({ 'x-tenant-id': 'garbage' }).get('/v1/tenant'), 403);
    expectError(await tenantB.api.get('/v1/members/FORGED'), 404);
    expectError(await tenantA.api.get('/v1/members/FORGED'), 404);
    // Its own id is harmless, and the call is the tenant's own (not an operator's: not audited).
    const own = await tenantA.api.with({ 'x-tenant-id': tenantA.tenantId }).get('/v1/tenant');
    expect(own.body.data.tenant_id).toBe(tenantA.tenantId);
  });

  test('admin endpoints do not take X-Tenant-Id (400 naming the header)', async () => {
    const response = await actingAs(adminApi, tenantA.tenantId).get('/v1/tenants');
    expectError(response, 400);
    expect(fieldsOf(response)).toEqual(['X-Tenant-Id']);
    expectError(await actingAs(bearerApi, tenantA.tenantId).post('/v1/onboard', { company_name: 'X', contact_email: 'x@example.com', contact_name: 'X' }), 400);
  });

  test('the audit log lists every change made through X-Tenant-Id, with actor, status and request id, and nothing else', async () => {
    const tenant = await onboardTenant(fleet, { email: 'ops@walletpass.example', accessToken: '', api: adminApi }, 'Audited');
    const asAdmin = actingAs(adminApi, tenant.tenantId);
    const asBearer = actingAs(bearerApi, tenant.tenantId);
    const made: Array<{ method: string; path: string; status: number; requestId: string; actor: 'admin' | 'bearer_token' }> = [];
    const change = async (api: ApiClient, actor: 'admin' | 'bearer_token', method: string, path: string, body?: unknown) => {
      const id = requestId();
      const response = await api.request(method, path, { body, headers: { 'x-request-id': id } });
      expect(response.headers.get('x-request-id')).toBe(id);
      made.push({ method, path: path.split('?')[0], status: response.status, requestId: id, actor });
      return response;
    };

    expect((await change(asAdmin, 'admin', 'POST', '/v1/members/register', { member_id: 'AUD-1' })).status).toBe(201);
    // Failed changes are in the log too, with their status.
    expect((await change(asAdmin, 'admin', 'POST', '/v1/members/register', { member_id: 'AUD-1' })).status).toBe(409);
    expect((await change(asAdmin, 'admin', 'PUT', '/v1/members/AUD-1/points', { points: -1, operation: 'add' })).status).toBe(400);
    expect((await change(asBearer, 'bearer_token', 'PUT', '/v1/members/AUD-1/points?ignored=1', { points: 5, operation: 'add' })).status).toBe(200);
    const style = await change(asAdmin, 'admin', 'POST', '/v1/pass-styles', { name: 'Audited style' });
    expect(style.status).toBe(201);
    expect((await change(asBearer, 'bearer_token', 'PATCH', '/v1/members/AUD-1', { member_name: 'Audrey' })).status).toBe(200);
    expect((await change(asAdmin, 'admin', 'DELETE', `/v1/pass-styles/${style.body.data.id}`)).status).toBe(200);
    expect((await change(asAdmin, 'admin', 'DELETE', `/v1/pass-styles/${style.body.data.id}`)).status).toBe(404);

    // Reads by the operator and every call of the tenant's own key are not operator changes.
    expect((await asAdmin.get('/v1/members/AUD-1')).status).toBe(200);
    expect((await asBearer.get('/v1/members')).status).toBe(200);
    expect((await tenant.api.post('/v1/members/register', { member_id: 'OWN-1' })).status).toBe(201);
    expect((await tenant.api.put('/v1/members/OWN-1/points', { points: 1, operation: 'add' })).status).toBe(200);

    // The status is recorded before the caller sees the answer: no waiting needed.
    const entries = await auditOf(tenant.tenantId);
    expect(entries).toHaveLength(made.length);
    // Newest first.
    const expected = [...made].reverse().map((m) => ({
      id: expect.stringMatching(UUID),
      actor: m.actor === 'admin' ? { type: 'admin', id: adminId, name: 'ops@walletpass.example' } : { type: 'bearer_token', id: bearerId, name: 'Support desk' },
      tenant_id: tenant.tenantId,
      method: m.method,
      path: m.path,
      status: m.status,
      request_id: m.requestId,
      created_at: expect.any(String),
    }));
    expect(entries).toEqual(expected);
    expect(entries.map((e) => Date.parse(e.created_at))).toEqual([...entries.map((e) => Date.parse(e.created_at))].sort((a, b) => b - a));

    // The unfiltered log holds them as well, beside other tenants' entries.
    const all = await listAll<AuditEntry>(adminApi, '/v1/audit-log');
    expect(all.filter((e) => e.tenant_id === tenant.tenantId)).toEqual(entries);
    // Tenant B only ever saw an operator's reads and a forged key: nothing of it is logged.
    expect(all.filter((e) => e.tenant_id === tenantB.tenantId)).toEqual([]);
  });

  test('the audit log pages with a cursor, filters by tenant, and is for admins only', async () => {
    const tenant = await onboardTenant(fleet, { email: 'ops@walletpass.example', accessToken: '', api: adminApi }, 'Paged');
    const asAdmin = actingAs(adminApi, tenant.tenantId);
    for (let i = 0; i < 7; i++) expect((await asAdmin.post('/v1/members/register', { member_id: `PAGE-${i}` })).status).toBe(201);

    const pages: AuditEntry[][] = [];
    let cursor: string | null = null;
    do {
      const page: ApiResponse = await adminApi.get(`/v1/audit-log?tenant_id=${tenant.tenantId}&limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(page.status).toBe(200);
      expect(page.body.pagination.limit).toBe(3);
      pages.push(page.body.data);
      cursor = page.body.pagination.next_cursor;
    } while (cursor);
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
    expect(new Set(pages.flat().map((e) => e.id)).size).toBe(7);
    expect(pages.flat().map((e) => e.tenant_id)).toEqual(Array(7).fill(tenant.tenantId));

    expect((await adminApi.get(`/v1/audit-log?tenant_id=${randomUUID()}`)).body.data).toEqual([]);
    const badFilter = await adminApi.get('/v1/audit-log?tenant_id=nope');
    expectError(badFilter, 400);
    expect(fieldsOf(badFilter)).toEqual(['tenant_id']);
    expectError(await adminApi.get('/v1/audit-log?cursor=garbage'), 400);
    expectError(await fleet.api.get('/v1/audit-log'), 401);
    expectError(await tenant.api.get('/v1/audit-log'), 403);
    expectError(await bearerApi.get('/v1/audit-log'), 403);
  });

  test("an operator's calls spend the tenant's rate-limit bucket, not the operator's", async () => {
    const tenant = await onboardTenant(fleet, { email: 'ops@walletpass.example', accessToken: '', api: adminApi }, 'Limited');
    const remaining = (response: { headers: Headers }) => Number(response.headers.get('x-ratelimit-remaining'));
    const started = Date.now();
    const tenantBefore = remaining(await tenant.api.get('/v1/tenant'));
    const adminBefore = remaining(await adminApi.get('/v1/tenants?limit=1'));
    const calls = 20;
    for (let i = 0; i < calls; i++) expect((await actingAs(adminApi, tenant.tenantId).get('/v1/tenant')).status).toBe(200);
    const tenantAfter = remaining(await tenant.api.get('/v1/tenant'));
    const adminAfter = remaining(await adminApi.get('/v1/tenants?limit=1'));
    // The bucket refills one token a second; allow for every second the test took.
    const refill = Math.ceil((Date.now() - started) / 1000) + 1;
    expect(tenantAfter).toBeLessThanOrEqual(tenantBefore - (calls + 1) + refill);
    expect(adminAfter).toBeGreaterThanOrEqual(adminBefore - 1);
  });
});
