import { FakeGoogleWalletServer, TestServiceAccount, createTestServiceAccount } from '@wp/google-wallet/testing';
import { Admin, Fleet, TenantFixture, bootstrapAdmin, onboardTenant, waitFor } from '@wp/testing';
import { FLEET_BOOT_TIMEOUT_MS } from '../foundation/foundation.helpers';

const ISSUER_ID = '3388000000055555555';

/**
 * Stored value and coupons on Google passes, against the local Google Wallet fake: where a
 * style shows `{balance}`, the loyalty object carries it as Google's money type in the
 * tenant's currency; a coupon pass is an offer object whose barcode is its serial, as on Apple.
 */
describe('stored value and coupons on Google', () => {
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
    tenant = await onboardTenant(fleet, admin, 'Prepaid Coffee');
    expect((await tenant.api.put('/v1/tenant/google', { issuer_id: ISSUER_ID, service_account_json: JSON.stringify(account.json) })).status).toBe(200);
    expect((await tenant.api.patch('/v1/tenant', { currency: 'USD' })).status).toBe(200);
  }, FLEET_BOOT_TIMEOUT_MS);

  afterAll(async () => {
    await fleet?.stop();
    await google?.stop();
  });

  const objectOf = (passId: string) => google.loyaltyObject(`${ISSUER_ID}.${passId}`) as any;

  test('the balance reaches the loyalty object as money in the currency, the tier as a text module', async () => {
    const style = await tenant.api.post('/v1/pass-styles', { name: 'Prepaid', primary_fields: [{ key: 'balance', label: 'Balance', value: '{balance}' }] });
    expect(style.status).toBe(201);
    expect((await tenant.api.post('/v1/members/register', { member_id: 'GB-1', member_name: 'Gus' })).status).toBe(201);
    const pass = (await tenant.api.post('/v1/passes/create-from-member', { member_id: 'GB-1', pass_type: 'google', company_name: 'Prepaid Coffee', pass_style_id: style.body.data.id }))
      .body.data;
    expect((await tenant.api.put('/v1/members/GB-1/balance', { amount: 1250, operation: 'add' })).status).toBe(200);
    const object = await waitFor('the money balance on the object', () => {
      const current = objectOf(pass.pass_id);
      return current?.secondaryLoyaltyPoints?.balance?.money?.micros === '12500000' ? current : undefined;
    }, 60_000);
    expect(object.secondaryLoyaltyPoints).toEqual(expect.objectContaining({ label: 'Balance', balance: { money: { micros: '12500000', currencyCode: 'USD' } } }));
    expect(object.textModulesData).toEqual(expect.arrayContaining([expect.objectContaining({ header: 'Tier', body: 'bronze' })]));
  });

  test('a Google coupon pass shows its serial in the barcode and is redeemed on the object', async () => {
    const coupon = (await tenant.api.post('/v1/coupons', { title: 'Free refill' })).body.data;
    expect((await tenant.api.post('/v1/members/register', { member_id: 'GB-2' })).status).toBe(201);
    const issued = await tenant.api.post('/v1/members/GB-2/coupons', { coupon_id: coupon.id, pass_type: 'google' });
    expect(issued.status).toBe(201);
    const pass = issued.body.data;
    expect(pass.kind).toBe('coupon');
    // A coupon pass is a coupon on Google too: an offer object of the tenant's offer class.
    const offerOf = (passId: string) => google.resource('offerObject', `${ISSUER_ID}.${passId}`) as any;
    const object = await waitFor('the coupon offer object at Google', () => offerOf(pass.pass_id));
    expect(objectOf(pass.pass_id)).toBeUndefined();
    expect(object.classId).toMatch(/-offer$/);
    expect(object.barcode.value).toBe(pass.serial_number);
    expect((await tenant.api.post(`/v1/passes/${pass.pass_id}/redeem`, {})).status).toBe(200);
    await waitFor('the COMPLETED state', () => (offerOf(pass.pass_id)?.state === 'COMPLETED' ? true : undefined), 60_000);
  });
});
