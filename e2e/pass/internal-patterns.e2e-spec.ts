import { CallContext, PassInternalPatterns } from '@wp/contracts';
import { FakeGoogleWalletServer, createTestServiceAccount } from '@wp/google-wallet/testing';
import { RpcClient } from '@wp/messaging';
import { verifyPkpass } from '@wp/pkpass/testing';
import { Admin, Fleet, TenantFixture, bootstrapAdmin, onboardTenant } from '@wp/testing';
import { developmentCaPem, outboxEvents } from './pass.helpers';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const ISSUER_ID = '3388000000077777777';

/**
 * The patterns notification/distribution calls (libs/contracts pass-internal.patterns), sent
 * over the fleet's transport exactly as that service sends them.
 */
describe('pass-generation internal patterns', () => {
  let fleet: Fleet;
  let admin: Admin;
  let tenant: TenantFixture;
  let other: TenantFixture;
  let rpc: RpcClient;
  let google: FakeGoogleWalletServer;
  let devCa: string;

  const ctx = (t: TenantFixture): CallContext => ({ requestId: 'internal-spec', tenantId: t.tenantId, actor: { kind: 'system', service: 'notification' } });

  beforeAll(async () => {
    const account = createTestServiceAccount();
    google = new FakeGoogleWalletServer();
    google.registerServiceAccount(account);
    const { url } = await google.start();
    fleet = await Fleet.start({ env: { GOOGLE_WALLET_API_URL: url } });
    admin = await bootstrapAdmin(fleet);
    tenant = await onboardTenant(fleet, admin, 'Corner Bakery');
    other = await onboardTenant(fleet, admin, 'Someone Else');
    rpc = new RpcClient({ namespace: fleet.namespace, redisUrl: REDIS_URL, timeoutMs: 10_000, masterKey: Buffer.from(fleet.masterKey, 'hex'), livenessMs: 1500 });
    await rpc.connect();
    devCa = await developmentCaPem(fleet);
    expect((await tenant.api.put('/v1/tenant/google', { issuer_id: ISSUER_ID, service_account_json: account.json })).status).toBe(200);
    expect((await tenant.api.post('/v1/members/register', { member_id: 'SMS-1', member_name: 'Sam Smith' })).status).toBe(201);
  });
  afterAll(async () => {
    await rpc?.close();
    await fleet?.stop();
    await google?.stop();
  });

  test('ensure-member-pass creates the pass once (with its channel), then returns it', async () => {
    const first = await rpc.send(PassInternalPatterns.ensureMemberPass, ctx(tenant), { member_id: 'SMS-1', pass_type: 'apple', channel: 'sms' });
    expect(first).toMatchObject({ pass_type: 'apple', member_id: 'SMS-1', status: 'active', download_url: `/v1/passes/${first.pass_id}/download` });
    expect((await outboxEvents(fleet, first.pass_id))[0]).toMatchObject({ type: 'pass.created', data: { channel: 'sms' } });
    const again = await rpc.send(PassInternalPatterns.ensureMemberPass, ctx(tenant), { member_id: 'SMS-1', pass_type: 'apple', channel: 'sms' });
    expect(again.pass_id).toBe(first.pass_id);
    // The company on the pass is the tenant's own name.
    const bundle = await rpc.send(PassInternalPatterns.appleBundle, ctx(tenant), { pass_id: first.pass_id, channel: 'sms' });
    expect(bundle).toMatchObject({ content_type: 'application/vnd.apple.pkpass', filename: expect.stringMatching(/\.pkpass$/) });
    const verified = await verifyPkpass(Buffer.from(bundle.body_base64, 'base64'), { caPem: devCa });
    expect(verified.passJson).toMatchObject({ organizationName: 'Corner Bakery', serialNumber: first.serial_number });
    expect(await rpc.send(PassInternalPatterns.getPass, ctx(tenant), { pass_id: first.pass_id })).toEqual(first);
  });

  test("hosted-page gives the look and both wallets' links, creating the member's Google pass", async () => {
    const apple = await rpc.send(PassInternalPatterns.ensureMemberPass, ctx(tenant), { member_id: 'SMS-1', pass_type: 'apple', channel: 'page' });
    const page = await rpc.send(PassInternalPatterns.hostedPage, ctx(tenant), { pass_id: apple.pass_id });
    expect(page).toMatchObject({
      pass_id: apple.pass_id,
      company_name: 'Corner Bakery',
      member_id: 'SMS-1',
      member_name: 'Sam Smith',
      points: 0,
      tier: expect.any(String),
      status: 'active',
      colors: { background: expect.stringMatching(/^#[0-9a-f]{6}$/), foreground: expect.stringMatching(/^#[0-9a-f]{6}$/), label: expect.stringMatching(/^#[0-9a-f]{6}$/) },
      apple_available: true,
      google_save_url: expect.stringMatching(/^https:\/\/pay\.google\.com\/gp\/v\/save\//),
    });
    expect(Buffer.from(page.logo_png_base64 as string, 'base64').subarray(1, 4).toString('latin1')).toBe('PNG');
    const google = await rpc.send(PassInternalPatterns.ensureMemberPass, ctx(tenant), { member_id: 'SMS-1', pass_type: 'google', channel: 'page' });
    expect(google.pass_url).toBe(page.google_save_url);
  });

  test('another tenant gets not_found for these passes, and a Google pass has no .pkpass', async () => {
    const apple = await rpc.send(PassInternalPatterns.ensureMemberPass, ctx(tenant), { member_id: 'SMS-1', pass_type: 'apple', channel: 'api' });
    for (const call of [
      () => rpc.send(PassInternalPatterns.getPass, ctx(other), { pass_id: apple.pass_id }),
      () => rpc.send(PassInternalPatterns.hostedPage, ctx(other), { pass_id: apple.pass_id }),
      () => rpc.send(PassInternalPatterns.appleBundle, ctx(other), { pass_id: apple.pass_id, channel: 'sms' }),
      () => rpc.send(PassInternalPatterns.getPass, ctx(tenant), { pass_id: 'not-a-uuid' }),
    ]) {
      await expect(call()).rejects.toMatchObject({ code: 'not_found' });
    }
    await expect(rpc.send(PassInternalPatterns.ensureMemberPass, ctx(other), { member_id: 'SMS-1', pass_type: 'apple', channel: 'api' })).rejects.toMatchObject({ code: 'not_found' });
    const google = await rpc.send(PassInternalPatterns.ensureMemberPass, ctx(tenant), { member_id: 'SMS-1', pass_type: 'google', channel: 'api' });
    await expect(rpc.send(PassInternalPatterns.appleBundle, ctx(tenant), { pass_id: google.pass_id, channel: 'sms' })).rejects.toMatchObject({ code: 'unprocessable' });
  });
});
