import { FakeGoogleWalletServer, createTestServiceAccount } from '@wp/google-wallet/testing';
import { builtInImages } from '@wp/pkpass';
import { Admin, ApiResponse, Fleet, TenantFixture, bootstrapAdmin, onboardTenant } from '@wp/testing';
import { getBinary, uploadFile } from './pass.helpers';

const ISSUER_ID = '3388000000099999999';

/**
 * Tenant isolation is absolute. Tenant B gets a 404 (never a 403 that would
 * confirm the id exists) on every pass-generation route that takes one of tenant A's ids, and
 * sees none of A's objects in its lists.
 */
describe('tenant isolation of pass generation', () => {
  let fleet: Fleet;
  let admin: Admin;
  let a: TenantFixture;
  let b: TenantFixture;
  let google: FakeGoogleWalletServer;
  const ids = { style: '', group: '', asset: '', apple: '', google: '' };

  beforeAll(async () => {
    const account = createTestServiceAccount();
    google = new FakeGoogleWalletServer();
    google.registerServiceAccount(account);
    const { url } = await google.start();
    fleet = await Fleet.start({ env: { GOOGLE_WALLET_API_URL: url } });
    admin = await bootstrapAdmin(fleet);
    a = await onboardTenant(fleet, admin, 'Tenant A');
    b = await onboardTenant(fleet, admin, 'Tenant B');
    for (const tenant of [a, b]) {
      expect((await tenant.api.put('/v1/tenant/google', { issuer_id: ISSUER_ID, service_account_json: account.json })).status).toBe(200);
    }

    ids.style = (await a.api.post('/v1/pass-styles', { name: 'A style' })).body.data.id;
    ids.group = (await a.api.post('/v1/style-groups', { name: 'A group', rules: [{ pass_style_id: ids.style, min_points: 0, max_points: 0 }] })).body.data.id;
    ids.asset = (await uploadFile(fleet.baseUrl, a.apiKey, 'a-logo.png', builtInImages()['logo.png'])).body.data.id;
    expect((await a.api.post('/v1/members/register', { member_id: 'SHARED-ID', member_name: 'Alice A' })).status).toBe(201);
    ids.apple = (await a.api.post('/v1/passes/create-from-member', { member_id: 'SHARED-ID', pass_type: 'apple', company_name: 'A' })).body.data.pass_id;
    ids.google = (await a.api.post('/v1/passes/create-from-member', { member_id: 'SHARED-ID', pass_type: 'google', company_name: 'A' })).body.data.pass_id;
    for (const id of Object.values(ids)) expect(id).toEqual(expect.any(String));
  });
  afterAll(async () => {
    await fleet?.stop();
    await google?.stop();
  });

  const expect404 = (response: ApiResponse | { status: number }, route: string) => expect({ route, status: response.status }).toEqual({ route, status: 404 });

  test("every route with one of A's pass ids answers B with 404", async () => {
    for (const id of [ids.apple, ids.google]) {
      expect404(await b.api.get(`/v1/passes/${id}`), 'GET pass');
      expect404(await b.api.patch(`/v1/passes/${id}`, { status: 'blocked' }), 'PATCH pass');
      expect404(await b.api.post(`/v1/passes/${id}/void`), 'POST void');
      expect404(await b.api.delete(`/v1/passes/${id}`), 'DELETE pass');
      expect404(await getBinary(fleet.baseUrl, `/v1/passes/${id}/download`, { 'x-api-key': b.apiKey }), 'GET download');
    }
    // Nothing B tried changed A's passes.
    const mine = await a.api.get(`/v1/passes/${ids.apple}`);
    expect(mine.body.data).toMatchObject({ status: 'active', version: 1 });
  });

  test("every route with A's style, group or asset id answers B with 404", async () => {
    expect404(await b.api.get(`/v1/pass-styles/${ids.style}`), 'GET style');
    expect404(await b.api.put(`/v1/pass-styles/${ids.style}`, { name: 'hijack' }), 'PUT style');
    expect404(await b.api.delete(`/v1/pass-styles/${ids.style}`), 'DELETE style');
    expect404(await b.api.get(`/v1/style-groups/${ids.group}`), 'GET group');
    expect404(await b.api.put(`/v1/style-groups/${ids.group}`, { name: 'hijack', rules: [{ pass_style_id: ids.style, min_points: 0, max_points: 0 }] }), 'PUT group');
    expect404(await b.api.delete(`/v1/style-groups/${ids.group}`), 'DELETE group');
    expect404(await b.api.get(`/v1/assets/${ids.asset}`), 'GET asset');
    expect404(await b.api.delete(`/v1/assets/${ids.asset}`), 'DELETE asset');
    expect((await a.api.get(`/v1/pass-styles/${ids.style}`)).body.data.name).toBe('A style');
    expect((await a.api.get(`/v1/assets/${ids.asset}`)).status).toBe(200);
  });

  test("B cannot build on A's styles, groups or members", async () => {
    expect((await b.api.post('/v1/members/register', { member_id: 'B-ONLY' })).status).toBe(201);
    expect404(await b.api.post('/v1/passes/create-from-member', { member_id: 'B-ONLY', pass_type: 'apple', company_name: 'B', pass_style_id: ids.style }), 'pass with A style');
    expect404(await b.api.post('/v1/passes/create-from-member', { member_id: 'B-ONLY', pass_type: 'apple', company_name: 'B', style_group_id: ids.group }), 'pass with A group');
    // A's member id means nothing in B.
    expect404(await b.api.post('/v1/passes/create-from-member', { member_id: 'SHARED-ID', pass_type: 'apple', company_name: 'B' }), 'pass for A member');
    const group = await b.api.post('/v1/style-groups', { name: 'B group', rules: [{ pass_style_id: ids.style, min_points: 0, max_points: 0 }] });
    expect(group.status).toBe(400);
    expect(group.body.errors).toEqual([{ field: 'rules[0].pass_style_id', message: 'is not a pass style of this tenant' }]);
  });

  test("B's lists hold none of A's objects", async () => {
    for (const path of ['/v1/passes', '/v1/pass-styles', '/v1/style-groups', '/v1/assets']) {
      const response = await b.api.get(path);
      expect({ path, status: response.status, ids: response.body.data.map((item: { id?: string; pass_id?: string }) => item.id ?? item.pass_id) }).toEqual({ path, status: 200, ids: [] });
    }
    expect((await b.api.get('/v1/passes?member_id=SHARED-ID')).body.data).toEqual([]);
    // An asset of the same name in B is B's own, and B's style sees only B's uploads.
    const own = await b.api.post('/v1/pass-styles', { name: 'B style', assets: { apple: { logo: 'a-logo.png' } } });
    expect(own.body.data.warnings).toEqual([expect.stringContaining('a-logo.png')]);
  });
});
