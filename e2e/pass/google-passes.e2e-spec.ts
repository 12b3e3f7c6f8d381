import { FakeGoogleWalletServer, TestServiceAccount, createTestServiceAccount } from '@wp/google-wallet/testing';
import { Admin, Fleet, TenantFixture, bootstrapAdmin, onboardTenant, waitFor } from '@wp/testing';
import { getBinary, verifyRs256Jwt } from './pass.helpers';

const ISSUER_ID = '3388000000055555555';
const SAVE_PREFIX = 'https://pay.google.com/gp/v/save/';

/**
 * Google passes after creation: every new version reaches the loyalty object through the
 * Wallet API (state for status changes, points from member events), and the save link keeps
 * verifying with the service account's public key.
 */
describe('Google passes', () => {
  let fleet: Fleet;
  let admin: Admin;
  let tenant: TenantFixture;
  let google: FakeGoogleWalletServer;
  let account: TestServiceAccount;

  beforeAll(async () => {
    account = createTestServiceAccount();
    google = new FakeGoogleWalletServer();
    google.registerServiceAccount(account, { issuerIds: [ISSUER_ID] });
    const { url } = await google.start();
    fleet = await Fleet.start({ env: { GOOGLE_WALLET_API_URL: url } });
    admin = await bootstrapAdmin(fleet);
    tenant = await onboardTenant(fleet, admin, 'Example Coffee Roasters');
    expect((await tenant.api.put('/v1/tenant/google', { issuer_id: ISSUER_ID, service_account_json: JSON.stringify(account.json) })).status).toBe(200);
  });
  afterAll(async () => {
    await fleet?.stop();
    await google?.stop();
  });

  const objectOf = (passId: string) => google.loyaltyObject(`${ISSUER_ID}.${passId}`);

  test('points, status changes and voiding reach the loyalty object', async () => {
    expect((await tenant.api.post('/v1/members/register', { member_id: 'G-1', member_name: 'Gail Green' })).status).toBe(201);
    const created = await tenant.api.post('/v1/passes/create-from-member', { member_id: 'G-1', pass_type: 'google', company_name: 'Example Coffee' });
    expect(created.status).toBe(201);
    const pass = created.body.data;
    expect(pass.pass_url.length).toBeLessThan(1800);
    const { claims } = verifyRs256Jwt(pass.pass_url.slice(SAVE_PREFIX.length), account.publicKeyPem);
    expect(claims.payload.loyaltyObjects[0]).toMatchObject({ id: `${ISSUER_ID}.${pass.pass_id}`, accountName: 'Gail Green', state: 'ACTIVE' });
    // The class went through the API, so the link references it instead of carrying it.
    expect(claims.payload.loyaltyClasses).toBeUndefined();
    await waitFor('the object at Google', () => objectOf(pass.pass_id));

    expect((await tenant.api.put('/v1/members/G-1/points', { points: 42, operation: 'add' })).status).toBe(200);
    await waitFor('the points on the object', () => ((objectOf(pass.pass_id)?.loyaltyPoints as any)?.balance?.int === 42 ? true : undefined));
    // The write is on the pass's trace with the status Google gave (spec/API.md §8.4).
    const patches = await waitFor('the google_patch steps', async () => {
      const steps = (await tenant.api.get(`/v1/passes/${pass.pass_id}/trace`)).body.data.filter((s: any) => s.kind === 'google_patch');
      return steps.some((s: any) => s.version === 2) ? steps : undefined;
    });
    expect(patches[0]).toMatchObject({ version: 2, status_code: 200, duration_ms: expect.any(Number) });

    expect((await tenant.api.patch(`/v1/passes/${pass.pass_id}`, { status: 'redeemed' })).status).toBe(200);
    await waitFor('the COMPLETED state', () => (objectOf(pass.pass_id)?.state === 'COMPLETED' ? true : undefined));
    expect((await tenant.api.patch(`/v1/passes/${pass.pass_id}`, { status: 'expired', expiration_date: '2031-05-01T00:00:00Z' })).status).toBe(200);
    await waitFor('the EXPIRED state with its end date', () => {
      const object = objectOf(pass.pass_id) as any;
      return object?.state === 'EXPIRED' && object.validTimeInterval?.end?.date === '2031-05-01T00:00:00.000Z' ? true : undefined;
    });
    expect((await tenant.api.post(`/v1/passes/${pass.pass_id}/void`)).status).toBe(200);
    await waitFor('the INACTIVE state', () => (objectOf(pass.pass_id)?.state === 'INACTIVE' ? true : undefined));
    for (const request of google.requests) expect(request.identity).toBe(account.serviceAccount.clientEmail);

    // The link of a Google pass is a redirect, whatever its state.
    const download = await getBinary(fleet.baseUrl, `/v1/passes/${pass.pass_id}/download`, { 'x-api-key': tenant.apiKey });
    expect(download.status).toBe(302);
    expect(download.headers.location).toBe(pass.pass_url);
  });

  test("a tenant without Google credentials gets a 422 that says so", async () => {
    const other = await onboardTenant(fleet, admin, 'No Google Inc');
    expect((await other.api.post('/v1/members/register', { member_id: 'G-2' })).status).toBe(201);
    const refused = await other.api.post('/v1/passes/create-from-member', { member_id: 'G-2', pass_type: 'google', company_name: 'No Google' });
    expect(refused.status).toBe(422);
    expect(refused.body.message).toContain('PUT /v1/tenant/google');
  });
});
