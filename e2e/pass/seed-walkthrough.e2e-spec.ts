import { FakeGoogleWalletServer, TestServiceAccount, createTestServiceAccount } from '@wp/google-wallet/testing';
import { verifyPkpass } from '@wp/pkpass/testing';
import { Admin, Fleet, TenantFixture, bootstrapAdmin, onboardTenant } from '@wp/testing';
import { UUID, developmentCaPem, getBinary, passFields, verifyRs256Jwt } from './pass.helpers';

const ISSUER_ID = '3388000000012345678';

/**
 * The seed's pass-generation calls, sent verbatim through the gateway:
 * styles (with assets never uploaded → warnings), list, style group, Apple and Google passes
 * from a member, the download, and the demo.
 */
describe("the seed's pass calls", () => {
  let fleet: Fleet;
  let admin: Admin;
  let tenant: TenantFixture;
  let google: FakeGoogleWalletServer;
  let account: TestServiceAccount;
  let devCa: string;

  beforeAll(async () => {
    account = createTestServiceAccount();
    google = new FakeGoogleWalletServer();
    google.registerServiceAccount(account, { issuerIds: [ISSUER_ID] });
    const { url } = await google.start();
    // A small per-address demo budget, so the rate limit is reached within the test.
    fleet = await Fleet.start({ env: { GOOGLE_WALLET_API_URL: url, DEMO_RATE_PER_MIN: '8' } });
    admin = await bootstrapAdmin(fleet);
    tenant = await onboardTenant(fleet, admin, 'My Company');
    devCa = await developmentCaPem(fleet);
  });
  afterAll(async () => {
    await fleet?.stop();
    await google?.stop();
  });

  let bronzeStyleId: string;
  let silverStyleId: string;

  test('POST /v1/pass-styles: the seed body saves, and each asset it names but nobody uploaded is a warning', async () => {
    const response = await tenant.api.post('/v1/pass-styles', {
      name: 'Default Orange',
      is_default: true,
      brand_colors: { foreground_color: 'rgb(255,255,255)', background_color: 'rgb(255, 107, 53)', label_color: 'rgb(255,255,255)' },
      assets: { apple: { logo: 'logo.png', strip: 'strip.png' }, google: { logo: 'logo.png', hero: 'hero.png' } },
      barcode: { format: 'PKBarcodeFormatQR' },
      primary_fields: [{ key: 'tier', label: 'Membership', value: '{tier}' }],
      back_fields: [{ key: 'website', label: 'Website', value: 'https://walletpass.ai' }],
    });
    expect(response.status).toBe(201);
    expect(response.body.status).toBe('success');
    expect(response.body.data).toMatchObject({
      id: expect.stringMatching(UUID),
      name: 'Default Orange',
      is_default: true,
      created_at: expect.any(String),
      wallet_colors: {
        apple: { foreground_color: 'rgb(255, 255, 255)', background_color: 'rgb(255, 107, 53)', label_color: 'rgb(255, 255, 255)' },
        google: { background_color: '#ff6b35' },
      },
    });
    const warnings: string[] = response.body.data.warnings;
    expect(warnings).toHaveLength(4);
    expect(warnings.filter((w) => w.includes('logo.png'))).toHaveLength(2);
    expect(warnings.some((w) => w.includes('strip.png'))).toBe(true);
    expect(warnings.some((w) => w.includes('hero.png'))).toBe(true);
    bronzeStyleId = response.body.data.id;
  });

  test('POST /v1/pass-styles: the seed curl example with #hex colours', async () => {
    const response = await tenant.api.post('/v1/pass-styles', {
      name: 'Premium Style',
      is_default: false,
      brand_colors: { foreground_color: '#FFFFFF', background_color: '#FF6B35', label_color: '#FFFFFF' },
      barcode: { format: 'PKBarcodeFormatQR' },
    });
    expect(response.status).toBe(201);
    expect(response.body.data).toMatchObject({ id: expect.stringMatching(UUID), name: 'Premium Style', is_default: false, created_at: expect.any(String), warnings: [] });
    expect(response.body.data.wallet_colors.apple.background_color).toBe('rgb(255, 107, 53)');
    silverStyleId = response.body.data.id;
  });

  test('GET /v1/pass-styles lists both', async () => {
    const response = await tenant.api.get('/v1/pass-styles');
    expect(response.status).toBe(200);
    expect(response.body.data.map((s: { id: string }) => s.id).sort()).toEqual([bronzeStyleId, silverStyleId].sort());
    expect(response.body.pagination).toEqual({ next_cursor: null, limit: 20 });
  });

  test('POST /v1/style-groups: both seed bodies, with real style ids', async () => {
    const first = await tenant.api.post('/v1/style-groups', {
      name: 'Loyalty Tier Colors',
      rules: [
        { pass_style_id: bronzeStyleId, min_points: 0, max_points: 100 },
        { pass_style_id: silverStyleId, min_points: 101, max_points: 200 },
      ],
    });
    expect(first.status).toBe(201);
    const second = await tenant.api.post('/v1/style-groups', {
      name: 'Tier Colors',
      rules: [
        { pass_style_id: bronzeStyleId, min_points: 0, max_points: 100 },
        { pass_style_id: silverStyleId, min_points: 101, max_points: 0 },
      ],
    });
    expect(second.status).toBe(201);
    expect(second.body.data).toEqual({
      id: expect.stringMatching(UUID),
      name: 'Tier Colors',
      rules: [
        { pass_style_id: bronzeStyleId, min_points: 0, max_points: 100 },
        { pass_style_id: silverStyleId, min_points: 101, max_points: 0 },
      ],
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
  });

  test('POST /v1/passes/create-from-member (apple) and the download: a signed pass with the member on it', async () => {
    const registered = await tenant.api.post('/v1/members/register', {
      member_id: 'MEMBER-001',
      member_name: 'John Doe',
      member_email: 'john@example.com',
      phone_number: '+1234567890',
    });
    expect(registered.status).toBe(201);

    const created = await tenant.api.post('/v1/passes/create-from-member', { member_id: 'MEMBER-001', pass_type: 'apple', company_name: 'My Company' });
    expect(created.status).toBe(201);
    // No Apple certificate yet: the answer says the pass is development-signed, which Wallet will not add.
    expect(created.body).toMatchObject({ status: 'success', message: expect.stringContaining('signed with the platform development certificate: Apple Wallet will not add it') });
    const pass = created.body.data;
    expect(pass).toMatchObject({
      pass_id: expect.stringMatching(UUID),
      member_id: 'MEMBER-001',
      pass_type: 'apple',
      status: 'active',
      signing: 'development',
      created_at: expect.any(String),
      download_url: `/v1/passes/${pass.pass_id}/download`,
      pass_url: `${fleet.baseUrl}/v1/passes/${pass.pass_id}/download`,
    });

    const download = await getBinary(fleet.baseUrl, pass.download_url, { 'x-api-key': tenant.apiKey });
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe('application/vnd.apple.pkpass');
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename="[^"]+\.pkpass"$/);
    const verified = await verifyPkpass(download.body, { caPem: devCa });
    expect(verified.files).toEqual(expect.arrayContaining(['pass.json', 'manifest.json', 'signature', 'icon.png', 'icon@2x.png', 'logo.png', 'strip.png']));
    const passJson = verified.passJson as Record<string, any>;
    expect(passJson).toMatchObject({
      formatVersion: 1,
      passTypeIdentifier: 'pass.dev.walletpass',
      teamIdentifier: 'DEVTEAM01',
      serialNumber: pass.serial_number,
      organizationName: 'My Company',
      description: expect.any(String),
      webServiceURL: `${fleet.baseUrl}/apple`,
      // The tenant's default style (the seed's "Default Orange").
      backgroundColor: 'rgb(255, 107, 53)',
      barcodes: [expect.objectContaining({ format: 'PKBarcodeFormatQR', message: 'MEMBER-001' })],
    });
    expect(passJson.authenticationToken.length).toBeGreaterThanOrEqual(16);
    const fields = passFields(passJson);
    expect(fields.find((f) => f.key === 'tier')).toMatchObject({ label: 'Membership', value: 'bronze', changeMessage: expect.stringContaining('%@') });
    expect(fields.find((f) => f.value === 0)).toMatchObject({ changeMessage: expect.stringContaining('%@') });
    expect(fields.find((f) => f.key === 'website')).toMatchObject({ value: 'https://walletpass.ai' });
  });

  test('POST /v1/passes/create-from-member (google): 422 without Google credentials, then a save link', async () => {
    const body = { member_id: 'MEMBER-001', pass_type: 'google', company_name: 'My Company', external_id: 'EXT-MEMBER-001' };
    const refused = await tenant.api.post('/v1/passes/create-from-member', body);
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ status: 'error', message: expect.stringMatching(/Google Wallet is not configured/) });

    const stored = await tenant.api.put('/v1/tenant/google', { issuer_id: ISSUER_ID, service_account_json: account.json });
    expect(stored.status).toBe(200);
    const created = await tenant.api.post('/v1/passes/create-from-member', body);
    expect(created.status).toBe(201);
    const pass = created.body.data;
    expect(pass).toMatchObject({ pass_type: 'google', member_id: 'MEMBER-001', external_id: 'EXT-MEMBER-001', google_object_id: `${ISSUER_ID}.${pass.pass_id}` });
    expect(pass.pass_url).toMatch(/^https:\/\/pay\.google\.com\/gp\/v\/save\/[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(pass.pass_url.length).toBeLessThan(1800);

    const { header, claims } = verifyRs256Jwt(pass.pass_url.slice('https://pay.google.com/gp/v/save/'.length), account.publicKeyPem);
    expect(header).toMatchObject({ alg: 'RS256', typ: 'JWT' });
    expect(claims).toMatchObject({ iss: account.serviceAccount.clientEmail, aud: 'google', typ: 'savetowallet', iat: expect.any(Number), origins: expect.any(Array) });
    const [object] = claims.payload.loyaltyObjects;
    expect(object).toMatchObject({
      id: `${ISSUER_ID}.${pass.pass_id}`,
      classId: `${ISSUER_ID}.wp-${tenant.tenantId}`,
      state: 'ACTIVE',
      accountId: 'MEMBER-001',
      accountName: 'John Doe',
      loyaltyPoints: { label: expect.any(String), balance: { int: 0 } },
      barcode: { type: 'QR_CODE', value: 'MEMBER-001' },
    });

    // The class and the object went to Google through the Wallet API, under the tenant's account.
    const classInsert = await google.waitFor((r) => r.method === 'POST' && r.path === '/walletobjects/v1/loyaltyClass');
    expect(classInsert).toMatchObject({ status: 200, identity: account.serviceAccount.clientEmail });
    expect(classInsert.body).toMatchObject({ id: object.classId, issuerName: 'My Company', reviewStatus: 'UNDER_REVIEW', hexBackgroundColor: '#ff6b35' });
    // Google fetches the programme logo itself, from a public URL that needs no key.
    const logo = await getBinary(fleet.baseUrl, new URL((classInsert.body as any).programLogo.sourceUri.uri).pathname);
    expect(logo.status).toBe(200);
    expect(logo.headers['content-type']).toBe('image/png');
    expect(logo.body.subarray(1, 4).toString('latin1')).toBe('PNG');
    const objectInsert = await google.waitFor((r) => r.method === 'POST' && r.path === '/walletobjects/v1/loyaltyObject');
    expect(objectInsert.status).toBe(200);
    expect(google.loyaltyObject(object.id)).toMatchObject({ id: object.id, classId: object.classId, state: 'ACTIVE', accountId: 'MEMBER-001' });

    const download = await getBinary(fleet.baseUrl, pass.download_url, { 'x-api-key': tenant.apiKey });
    expect(download.status).toBe(302);
    expect(download.headers.location).toBe(pass.pass_url);
  });

  test('GET /v1/members/{id} lists both passes', async () => {
    const member = await tenant.api.get('/v1/members/MEMBER-001');
    expect(member.status).toBe(200);
    expect(member.body.data.passes.map((p: { pass_type: string }) => p.pass_type).sort()).toEqual(['apple', 'google']);
  });

  test('GET /demo: the defaults 156 / Gold / 12345678, and the query parameters reflected, without a web service', async () => {
    const plain = await getBinary(fleet.baseUrl, '/demo');
    expect(plain.status).toBe(200);
    expect(plain.headers['content-type']).toBe('application/vnd.apple.pkpass');
    const demo = (await verifyPkpass(plain.body, { caPem: devCa })).passJson as Record<string, any>;
    expect(demo).not.toHaveProperty('webServiceURL');
    expect(demo).not.toHaveProperty('authenticationToken');
    const values = passFields(demo).map((f) => f.value);
    expect(values).toEqual(expect.arrayContaining([156, 'Gold', '12345678']));

    const custom = await getBinary(fleet.baseUrl, '/demo?points=500&level=Silver&memberId=John123');
    expect(custom.status).toBe(200);
    const verified = await verifyPkpass(custom.body, { caPem: devCa });
    expect(passFields(verified.passJson as Record<string, any>).map((f) => f.value)).toEqual(expect.arrayContaining([500, 'Silver', 'John123']));
    expect(verified.files).toContain('strip.png');

    const noStrip = await verifyPkpass((await getBinary(fleet.baseUrl, '/demo?strip=none')).body, { caPem: devCa });
    expect(noStrip.files).not.toContain('strip.png');

    const bad = await fleet.api.get('/demo?points=lots');
    expect(bad.status).toBe(400);
  });

  test('GET /demo is rate-limited per client address, with Retry-After', async () => {
    let limited: Awaited<ReturnType<typeof getBinary>> | undefined;
    for (let i = 0; i < 10 && !limited; i++) {
      const response = await getBinary(fleet.baseUrl, '/demo');
      if (response.status === 429) limited = response;
      else expect(response.status).toBe(200);
    }
    expect(limited?.status).toBe(429);
    expect(Number(limited?.headers['retry-after'])).toBeGreaterThan(0);
  });
});
