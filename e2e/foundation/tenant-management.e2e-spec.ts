import { createTestServiceAccount } from '@wp/google-wallet/testing';
import { TestPassCertificate, createTestCa, issuePassCertificate } from '@wp/pkpass/testing';
import { ADMIN_PASSWORD, Admin, Fleet, TenantFixture, onboardTenant, waitFor } from '@wp/testing';
import { createHash, randomBytes, X509Certificate } from 'node:crypto';
import { API_KEY, FLEET_BOOT_TIMEOUT_MS, UUID, expectError, exportPkcs12, fieldsOf, listAll, pemBodyLines } from './foundation.helpers';

/**
 * Every tenant-management endpoint, driven through the gateway as an operator and a tenant
 * would, on one fleet; each test makes its own tenants.
 */
describe('tenant management through the gateway', () => {
  let fleet: Fleet;
  let admin: Admin;
  /** Every secret the run handed out or sent, for the last test. */
  const secrets = new Set<string>([ADMIN_PASSWORD]);

  beforeAll(async () => {
    // A low cap on the failed-login delay keeps the brute-force test short; it still grows.
    fleet = await Fleet.start({ processEnv: { 'tenant-management': { LOGIN_MAX_DELAY_MS: '200' } } });
  }, FLEET_BOOT_TIMEOUT_MS);
  afterAll(async () => {
    await fleet?.stop();
  });

  const onboard = async (name?: string): Promise<TenantFixture> => {
    const tenant = await onboardTenant(fleet, admin, name);
    secrets.add(tenant.apiKey);
    return tenant;
  };

  test("the seed's walk-through: bootstrap, bearer token, onboard, then GET /v1/tenant with the key", async () => {
    const bootstrap = await fleet.api.post('/v1/bootstrap/super-admin', { email: 'admin@walletpass.ai', password: 'SecurePassword123!', name: 'Super Admin' });
    expect(bootstrap.status).toBe(201);
    expect(bootstrap.body).toEqual({
      status: 'success',
      data: {
        admin: { id: expect.stringMatching(UUID), email: 'admin@walletpass.ai', name: 'Super Admin', created_at: expect.any(String) },
        access_token: expect.stringMatching(/^st_[0-9a-f]+$/),
        expires_at: expect.any(String),
      },
    });
    const accessToken: string = bootstrap.body.data.access_token;
    secrets.add(accessToken);
    admin = { email: 'admin@walletpass.ai', accessToken, api: fleet.api.withBearer(accessToken) };

    const bearer = await admin.api.post('/v1/bearer-tokens', { name: 'Development Token', expires_at: '2026-12-31T23:59:59Z' });
    expect(bearer.status).toBe(201);
    expect(bearer.body.data).toEqual({
      id: expect.stringMatching(UUID),
      name: 'Development Token',
      token: expect.stringMatching(/^bt_[0-9a-f]{32}$/),
      expires_at: '2026-12-31T23:59:59.000Z',
      created_at: expect.any(String),
    });
    secrets.add(bearer.body.data.token);

    const onboarded = await fleet.api
      .withBearer(bearer.body.data.token)
      .post('/v1/onboard', { company_name: 'My Company', contact_email: 'contact@mycompany.com', contact_name: 'John Doe' });
    expect(onboarded.status).toBe(201);
    expect(onboarded.body).toEqual({
      status: 'success',
      message: 'Tenant onboarded successfully',
      data: { tenant_id: expect.stringMatching(UUID), api_key: expect.stringMatching(API_KEY), company_name: 'My Company', created_at: expect.any(String) },
    });
    secrets.add(onboarded.body.data.api_key);

    const me = await fleet.api.withApiKey(onboarded.body.data.api_key).get('/v1/tenant');
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      status: 'success',
      data: {
        tenant_id: onboarded.body.data.tenant_id,
        company_name: 'My Company',
        contact_email: 'contact@mycompany.com',
        contact_name: 'John Doe',
        status: 'active',
        nfc_enabled: false,
        currency: 'EUR',
        created_at: onboarded.body.data.created_at,
        updated_at: expect.any(String),
        wallets: { apple: { configured: false }, google: { configured: false } },
      },
    });
  });

  describe('login', () => {
    test('the right password gives a new access token that works on admin routes', async () => {
      const login = await fleet.api.post('/v1/auth/login', { email: 'Admin@WalletPass.ai', password: ADMIN_PASSWORD });
      expect(login.status).toBe(200);
      expect(login.body.data).toEqual({ access_token: expect.stringMatching(/^st_[0-9a-f]+$/), expires_at: expect.any(String) });
      secrets.add(login.body.data.access_token);
      expect(login.body.data.access_token).not.toBe(admin.accessToken);
      expect(Date.parse(login.body.data.expires_at)).toBeGreaterThan(Date.now());

      const tenants = await fleet.api.withBearer(login.body.data.access_token).get('/v1/tenants');
      expect(tenants.status).toBe(200);
    });

    test('a wrong password is a 401 envelope that does not say which part was wrong', async () => {
      const wrong = await fleet.api.post('/v1/auth/login', { email: admin.email, password: 'not the password at all' });
      expectError(wrong, 401);
      const unknown = await fleet.api.post('/v1/auth/login', { email: 'nobody-here@example.com', password: 'not the password at all' });
      expectError(unknown, 401);
      expect(unknown.body.message).toBe(wrong.body.message);
    });

    test('after 10 failures within the window the 11th attempt is refused with 429 and Retry-After', async () => {
      const email = `brute-${randomBytes(3).toString('hex')}@example.com`;
      for (let attempt = 1; attempt <= 10; attempt++) {
        const failed = await fleet.api.post('/v1/auth/login', { email, password: `guess number ${attempt}` });
        expectError(failed, 401);
      }
      const blocked = await fleet.api.post('/v1/auth/login', { email, password: 'guess number 11' });
      expectError(blocked, 429);
      expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);

      // The brake is per e-mail: the real admin still gets in.
      const other = await fleet.api.post('/v1/auth/login', { email: admin.email, password: ADMIN_PASSWORD });
      expect(other.status).toBe(200);
      secrets.add(other.body.data.access_token);
    });
  });

  describe('bearer tokens', () => {
    test('are listed by name and display prefix, never the token', async () => {
      const created = await admin.api.post('/v1/bearer-tokens', { name: 'CI onboarding' });
      expect(created.status).toBe(201);
      expect(created.body.data.expires_at).toBeNull();
      const token: string = created.body.data.token;
      secrets.add(token);

      const listed = await listAll(admin.api, '/v1/bearer-tokens');
      const entry = listed.find((t) => t.id === created.body.data.id);
      expect(entry).toEqual({
        id: created.body.data.id,
        name: 'CI onboarding',
        prefix: token.slice(0, 11),
        expires_at: null,
        created_at: created.body.data.created_at,
        last_used_at: null,
        revoked_at: null,
      });
      expect(JSON.stringify(listed)).not.toContain(token);
    });

    test('an expiry in the past is a 400 naming expires_at', async () => {
      const response = await admin.api.post('/v1/bearer-tokens', { name: 'Stale', expires_at: '2020-01-01T00:00:00Z' });
      expectError(response, 400);
      expect(fieldsOf(response)).toEqual(['expires_at']);
    });

    test('a revoked bt_ token is refused on onboarding within 1 s', async () => {
      const created = await admin.api.post('/v1/bearer-tokens', { name: 'Short-lived' });
      const token: string = created.body.data.token;
      secrets.add(token);
      const onboarder = fleet.api.withBearer(token);
      const first = await onboarder.post('/v1/onboard', { company_name: 'Via bearer', contact_email: 'a@example.com', contact_name: 'A' });
      expect(first.status).toBe(201);
      secrets.add(first.body.data.api_key);

      const revoked = await admin.api.delete(`/v1/bearer-tokens/${created.body.data.id}`);
      expect(revoked.status).toBe(200);
      expect(revoked.body.data).toEqual({ id: created.body.data.id, revoked_at: expect.any(String) });

      // Credentials are checked before the body, so an empty body probes without onboarding anyone.
      await waitFor('the revoked bearer token to be refused', async () => ((await onboarder.post('/v1/onboard', {})).status === 403 ? true : undefined), 1000);
      const refused = await onboarder.post('/v1/onboard', { company_name: 'Too late', contact_email: 'b@example.com', contact_name: 'B' });
      expectError(refused, 403);
      const listed = await listAll(admin.api, '/v1/bearer-tokens');
      expect(listed.find((t) => t.id === created.body.data.id)?.revoked_at).toEqual(revoked.body.data.revoked_at);
      expect((await listAll(admin.api, '/v1/tenants')).filter((t) => t.company_name === 'Too late')).toHaveLength(0);
    });

    test('revoking an unknown token is a 404', async () => {
      expectError(await admin.api.delete('/v1/bearer-tokens/00000000-0000-4000-8000-000000000000'), 404);
    });

    test('a bt_ token opens onboarding only, not the admin routes', async () => {
      const created = await admin.api.post('/v1/bearer-tokens', { name: 'Onboarding only' });
      secrets.add(created.body.data.token);
      const bearer = fleet.api.withBearer(created.body.data.token);
      expectError(await bearer.get('/v1/tenants'), 403);
      expectError(await bearer.post('/v1/bearer-tokens', { name: 'escalate' }), 403);
    });
  });

  describe('tenants', () => {
    test('are listed newest first with cursor pagination, and each can be fetched by id', async () => {
      const older = await onboard('Paging Older');
      const newer = await onboard('Paging Newer');

      const first = await admin.api.get('/v1/tenants?limit=1');
      expect(first.status).toBe(200);
      expect(first.body.data).toHaveLength(1);
      expect(first.body.data[0].tenant_id).toBe(newer.tenantId);
      expect(first.body.pagination).toEqual({ next_cursor: expect.any(String), limit: 1 });
      const second = await admin.api.get(`/v1/tenants?limit=1&cursor=${encodeURIComponent(first.body.pagination.next_cursor)}`);
      expect(second.body.data[0].tenant_id).toBe(older.tenantId);

      const got = await admin.api.get(`/v1/tenants/${older.tenantId}`);
      expect(got.status).toBe(200);
      expect(got.body.data).toEqual(expect.objectContaining({ tenant_id: older.tenantId, company_name: 'Paging Older', contact_email: 'ops@example.com', status: 'active' }));
    });

    test('an unknown or malformed tenant id is a 404', async () => {
      expectError(await admin.api.get('/v1/tenants/00000000-0000-4000-8000-000000000000'), 404);
      expectError(await admin.api.get('/v1/tenants/not-a-uuid'), 404);
      expectError(await admin.api.patch('/v1/tenants/00000000-0000-4000-8000-000000000000', { status: 'suspended' }), 404);
    });

    test("suspending a tenant stops its key within 1 s; reactivating it lets the key in again", async () => {
      const tenant = await onboard();
      expect((await tenant.api.get('/v1/tenant')).status).toBe(200);

      const suspended = await admin.api.patch(`/v1/tenants/${tenant.tenantId}`, { status: 'suspended' });
      expect(suspended.status).toBe(200);
      expect(suspended.body.data.status).toBe('suspended');
      await waitFor('the suspended tenant to be refused', async () => ((await tenant.api.get('/v1/tenant')).status === 403 ? true : undefined), 1000);
      const refused = await tenant.api.get('/v1/tenant');
      expectError(refused, 403);
      expect(refused.body.message).toMatch(/suspended/i);
      expect((await admin.api.get(`/v1/tenants/${tenant.tenantId}`)).body.data.status).toBe('suspended');

      const reactivated = await admin.api.patch(`/v1/tenants/${tenant.tenantId}`, { status: 'active' });
      expect(reactivated.body.data.status).toBe('active');
      await waitFor('the reactivated tenant to be let in', async () => ((await tenant.api.get('/v1/tenant')).status === 200 ? true : undefined), 1000);
    });

    test('a status other than active or suspended is a 400 naming status', async () => {
      const tenant = await onboard();
      const response = await admin.api.patch(`/v1/tenants/${tenant.tenantId}`, { status: 'deleted' });
      expectError(response, 400);
      expect(fieldsOf(response)).toEqual(['status']);
    });
  });

  describe('API keys', () => {
    test('the onboarding key is listed with its display prefix, never the key or its hash', async () => {
      const tenant = await onboard();
      const listed = await admin.api.get(`/v1/tenants/${tenant.tenantId}/api-keys`);
      expect(listed.status).toBe(200);
      expect(listed.body.data).toEqual([
        { id: expect.stringMatching(UUID), prefix: tenant.apiKey.slice(0, 11), name: 'Onboarding key', created_at: expect.any(String), last_used_at: null, revoked_at: null },
      ]);
      expect(listed.text).not.toContain(tenant.apiKey);
      expect(listed.text).not.toContain(sha256(tenant.apiKey));
    });

    test('rotation: issue a new key, switch to it, revoke the old one (refused within 1 s)', async () => {
      const tenant = await onboard();
      const created = await admin.api.post(`/v1/tenants/${tenant.tenantId}/api-keys`, { name: 'POS integration' });
      expect(created.status).toBe(201);
      expect(created.body.data).toEqual({
        id: expect.stringMatching(UUID),
        api_key: expect.stringMatching(API_KEY),
        prefix: created.body.data.api_key.slice(0, 11),
        name: 'POS integration',
        created_at: expect.any(String),
      });
      const newKey: string = created.body.data.api_key;
      secrets.add(newKey);
      const rotated = fleet.api.withApiKey(newKey);
      expect((await rotated.get('/v1/tenant')).body.data.tenant_id).toBe(tenant.tenantId);

      const keys = (await admin.api.get(`/v1/tenants/${tenant.tenantId}/api-keys`)).body.data as Array<{ id: string; name: string }>;
      expect(keys.map((k) => k.name).sort()).toEqual(['Onboarding key', 'POS integration']);
      const old = keys.find((k) => k.name === 'Onboarding key')!;

      expect((await tenant.api.get('/v1/tenant')).status).toBe(200);
      const revoked = await admin.api.delete(`/v1/tenants/${tenant.tenantId}/api-keys/${old.id}`);
      expect(revoked.status).toBe(200);
      expect(revoked.body.data).toEqual({ id: old.id, revoked_at: expect.any(String) });
      await waitFor('the revoked key to be refused', async () => ((await tenant.api.get('/v1/tenant')).status === 403 ? true : undefined), 1000);
      expectError(await tenant.api.get('/v1/tenant'), 403);
      expect((await rotated.get('/v1/tenant')).status).toBe(200);

      const after = (await admin.api.get(`/v1/tenants/${tenant.tenantId}/api-keys`)).body.data as Array<{ id: string; revoked_at: string | null }>;
      expect(after.find((k) => k.id === old.id)?.revoked_at).toBe(revoked.body.data.revoked_at);
    });

    test('an unknown key or tenant is a 404; a key named without its tenant is not found', async () => {
      const a = await onboard();
      const b = await onboard();
      const aKeys = (await admin.api.get(`/v1/tenants/${a.tenantId}/api-keys`)).body.data as Array<{ id: string }>;
      expectError(await admin.api.delete(`/v1/tenants/${a.tenantId}/api-keys/00000000-0000-4000-8000-000000000000`), 404);
      expectError(await admin.api.get('/v1/tenants/00000000-0000-4000-8000-000000000000/api-keys'), 404);
      expectError(await admin.api.post('/v1/tenants/00000000-0000-4000-8000-000000000000/api-keys', {}), 404);
      // A's key addressed under B's path: not found, and A's key keeps working.
      expectError(await admin.api.delete(`/v1/tenants/${b.tenantId}/api-keys/${aKeys[0].id}`), 404);
      expect((await a.api.get('/v1/tenant')).status).toBe(200);
    });
  });

  describe('wallet credentials', () => {
    const passTypeIdentifier = 'pass.com.example.loyalty';
    const teamIdentifier = 'ABCDE12345';
    let certificate: TestPassCertificate;
    let other: TestPassCertificate;
    let notAfter: string;

    beforeAll(() => {
      const ca = createTestCa();
      certificate = issuePassCertificate(ca, { passTypeIdentifier, teamIdentifier });
      other = issuePassCertificate(ca, { passTypeIdentifier: 'pass.com.example.other', teamIdentifier: 'ZYXWV98765' });
      notAfter = new Date(new X509Certificate(certificate.certificatePem).validTo).toISOString();
      pemBodyLines(certificate.privateKeyPem).forEach((line) => secrets.add(line));
      pemBodyLines(other.privateKeyPem).forEach((line) => secrets.add(line));
    });

    test('PUT /v1/tenant/apple with a PEM certificate and key reports its ids and expiry; reads show only that', async () => {
      const tenant = await onboard();
      const put = await tenant.api.put('/v1/tenant/apple', {
        pass_type_identifier: passTypeIdentifier,
        team_identifier: teamIdentifier,
        certificate_pem: certificate.certificatePem,
        private_key_pem: certificate.privateKeyPem,
      });
      expect(put.status).toBe(200);
      expect(put.body.data).toEqual({
        configured: true,
        pass_type_identifier: passTypeIdentifier,
        team_identifier: teamIdentifier,
        expires_at: notAfter,
        not_after: notAfter,
        subject: expect.any(String),
        updated_at: expect.any(String),
      });

      const me = await tenant.api.get('/v1/tenant');
      expect(me.body.data.wallets.apple).toEqual(put.body.data);
      expect(me.body.data.wallets.google).toEqual({ configured: false });
      for (const line of pemBodyLines(certificate.privateKeyPem)) expect(me.text).not.toContain(line);
      expect(me.text).not.toMatch(/PRIVATE KEY|BEGIN CERTIFICATE/);
    });

    test('a key that does not belong to the certificate is a 400 naming private_key_pem', async () => {
      const tenant = await onboard();
      const response = await tenant.api.put('/v1/tenant/apple', {
        pass_type_identifier: passTypeIdentifier,
        team_identifier: teamIdentifier,
        certificate_pem: certificate.certificatePem,
        private_key_pem: other.privateKeyPem,
      });
      expectError(response, 400);
      expect(fieldsOf(response)).toEqual(['private_key_pem']);
      expect((await tenant.api.get('/v1/tenant')).body.data.wallets.apple).toEqual({ configured: false });
    });

    test('ids that disagree with the certificate are a 400 naming the field', async () => {
      const tenant = await onboard();
      const response = await tenant.api.put('/v1/tenant/apple', {
        pass_type_identifier: 'pass.com.example.someone-else',
        team_identifier: teamIdentifier,
        certificate_pem: certificate.certificatePem,
        private_key_pem: certificate.privateKeyPem,
      });
      expectError(response, 400);
      expect(fieldsOf(response)).toEqual(['pass_type_identifier']);
    });

    test.each(['current', 'legacy'] as const)('a PKCS#12 file (%s encoding) with its passphrase is accepted', async (encoding) => {
      const tenant = await onboard();
      const passphrase = `p12-${randomBytes(6).toString('hex')}`;
      secrets.add(passphrase);
      const p12 = exportPkcs12(certificate.certificatePem, certificate.privateKeyPem, passphrase, encoding);
      const put = await tenant.api.put('/v1/tenant/apple', { pass_type_identifier: passTypeIdentifier, team_identifier: teamIdentifier, p12_base64: p12, passphrase });
      expect(put.status).toBe(200);
      expect(put.body.data).toEqual(expect.objectContaining({ configured: true, pass_type_identifier: passTypeIdentifier, team_identifier: teamIdentifier, expires_at: notAfter }));
      const me = await tenant.api.get('/v1/tenant');
      expect(me.text).not.toContain(p12.slice(0, 64));
      expect(me.text).not.toContain(passphrase);
    });

    test('a PKCS#12 file with the wrong passphrase is a 400 naming passphrase', async () => {
      const tenant = await onboard();
      const p12 = exportPkcs12(certificate.certificatePem, certificate.privateKeyPem, 'the right one', 'current');
      const response = await tenant.api.put('/v1/tenant/apple', { pass_type_identifier: passTypeIdentifier, team_identifier: teamIdentifier, p12_base64: p12, passphrase: 'a wrong one' });
      expectError(response, 400);
      expect(fieldsOf(response)).toEqual(['passphrase']);
    });

    test.each(['string', 'object'] as const)('PUT /v1/tenant/google takes the service-account JSON as a %s; reads show only metadata', async (form) => {
      const tenant = await onboard();
      const account = createTestServiceAccount();
      pemBodyLines(account.serviceAccount.privateKeyPem).forEach((line) => secrets.add(line));
      const put = await tenant.api.put('/v1/tenant/google', {
        issuer_id: '3388000000012345678',
        service_account_json: form === 'string' ? JSON.stringify(account.json) : account.json,
      });
      expect(put.status).toBe(200);
      expect(put.body.data).toEqual({ configured: true, issuer_id: '3388000000012345678', client_email: account.serviceAccount.clientEmail, updated_at: expect.any(String) });
      const me = await tenant.api.get('/v1/tenant');
      expect(me.body.data.wallets.google).toEqual(put.body.data);
      expect(me.text).not.toContain(account.json.private_key_id);
      for (const line of pemBodyLines(account.serviceAccount.privateKeyPem)) expect(me.text).not.toContain(line);
    });

    test('service-account JSON that does not parse is a 400 naming service_account_json', async () => {
      const tenant = await onboard();
      const response = await tenant.api.put('/v1/tenant/google', { issuer_id: '3388000000012345678', service_account_json: '{"type": "service_account", ' });
      expectError(response, 400);
      expect(fieldsOf(response)).toEqual(['service_account_json']);
      expect((await tenant.api.get('/v1/tenant')).body.data.wallets.google).toEqual({ configured: false });
    });
  });

  describe('tenant isolation', () => {
    test('GET /v1/tenant answers only the calling tenant, with only its own credentials', async () => {
      const a = await onboard('Isolation A');
      const b = await onboard('Isolation B');
      const account = createTestServiceAccount();
      pemBodyLines(account.serviceAccount.privateKeyPem).forEach((line) => secrets.add(line));
      expect((await a.api.put('/v1/tenant/google', { issuer_id: '3388000000099999999', service_account_json: account.json })).status).toBe(200);

      const seenByB = await b.api.get('/v1/tenant');
      expect(seenByB.body.data.tenant_id).toBe(b.tenantId);
      expect(seenByB.body.data.wallets.google).toEqual({ configured: false });
      expect(seenByB.text).not.toContain(a.tenantId);
      expect((await a.api.get('/v1/tenant')).body.data.wallets.google.issuer_id).toBe('3388000000099999999');
    });

    test("a tenant key cannot reach the admin routes, so B can neither read nor revoke A's keys", async () => {
      const a = await onboard();
      const b = await onboard();
      const aKeys = (await admin.api.get(`/v1/tenants/${a.tenantId}/api-keys`)).body.data as Array<{ id: string }>;
      for (const attempt of [
        b.api.get('/v1/tenants'),
        b.api.get(`/v1/tenants/${a.tenantId}`),
        b.api.patch(`/v1/tenants/${a.tenantId}`, { status: 'suspended' }),
        b.api.get(`/v1/tenants/${a.tenantId}/api-keys`),
        b.api.post(`/v1/tenants/${a.tenantId}/api-keys`, {}),
        b.api.delete(`/v1/tenants/${a.tenantId}/api-keys/${aKeys[0].id}`),
        b.api.post('/v1/bearer-tokens', { name: 'escalate' }),
        b.api.post('/v1/onboard', { company_name: 'Sneaky', contact_email: 'x@example.com', contact_name: 'X' }),
      ]) {
        expectError(await attempt, 403);
      }
      expect((await a.api.get('/v1/tenant')).status).toBe(200);
      expect((await admin.api.get(`/v1/tenants/${a.tenantId}`)).body.data.status).toBe('active');
    });
  });

  describe('Idempotency-Key on POST /v1/onboard', () => {
    const body = (company: string) => ({ company_name: company, contact_email: 'idem@example.com', contact_name: 'Idem' });
    const tenantsNamed = async (company: string) => (await listAll(admin.api, '/v1/tenants')).filter((t) => t.company_name === company);

    test('a retry with the same key and body replays the first response and creates nothing', async () => {
      const company = `Idem ${randomBytes(4).toString('hex')}`;
      const headers = { 'idempotency-key': `onboard-${randomBytes(8).toString('hex')}` };
      const first = await admin.api.post('/v1/onboard', body(company), { headers });
      const retry = await admin.api.post('/v1/onboard', body(company), { headers });
      expect(first.status).toBe(201);
      secrets.add(first.body.data.api_key);
      expect(retry.status).toBe(201);
      expect(retry.body).toEqual(first.body);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      expect(await tenantsNamed(company)).toHaveLength(1);
    });

    test('the same key with another body is a 422', async () => {
      const headers = { 'idempotency-key': `onboard-${randomBytes(8).toString('hex')}` };
      const first = await admin.api.post('/v1/onboard', body(`Idem ${randomBytes(4).toString('hex')}`), { headers });
      expect(first.status).toBe(201);
      secrets.add(first.body.data.api_key);
      const company = `Idem ${randomBytes(4).toString('hex')}`;
      const other = await admin.api.post('/v1/onboard', body(company), { headers });
      expectError(other, 422);
      expect(await tenantsNamed(company)).toHaveLength(0);
    });

    test('concurrent duplicates get the one result or a 409, and one tenant is created', async () => {
      const company = `Idem ${randomBytes(4).toString('hex')}`;
      const headers = { 'idempotency-key': `onboard-${randomBytes(8).toString('hex')}` };
      const responses = await Promise.all(Array.from({ length: 6 }, () => admin.api.post('/v1/onboard', body(company), { headers })));
      const created = responses.filter((r) => r.status === 201);
      for (const conflict of responses.filter((r) => r.status !== 201)) expectError(conflict, 409);
      expect(created.length).toBeGreaterThanOrEqual(1);
      created.forEach((r) => secrets.add(r.body.data.api_key));
      expect(new Set(created.map((r) => r.body.data.tenant_id)).size).toBe(1);
      expect(await tenantsNamed(company)).toHaveLength(1);
    });

    test('keys are scoped to the caller: the same key from another caller is a new request', async () => {
      const key = `onboard-${randomBytes(8).toString('hex')}`;
      const company = `Idem ${randomBytes(4).toString('hex')}`;
      const bearer = await admin.api.post('/v1/bearer-tokens', { name: 'Idempotency scope' });
      secrets.add(bearer.body.data.token);
      const byAdmin = await admin.api.post('/v1/onboard', body(company), { headers: { 'idempotency-key': key } });
      const byBearer = await fleet.api.withBearer(bearer.body.data.token).post('/v1/onboard', body(company), { headers: { 'idempotency-key': key } });
      expect([byAdmin.status, byBearer.status]).toEqual([201, 201]);
      secrets.add(byAdmin.body.data.api_key);
      secrets.add(byBearer.body.data.api_key);
      expect(byBearer.body.data.tenant_id).not.toBe(byAdmin.body.data.tenant_id);
    });
  });

  // Last: it checks everything the tests above made the fleet say.
  test('no secret and no hash of one appears in any response or log line', async () => {
    // The only responses allowed to carry a secret are the ones that issue it, once.
    const issuing = /^POST \/v1\/(bootstrap\/super-admin|auth\/login|bearer-tokens|onboard|tenants\/[^/]+\/api-keys)$/;
    const responses = fleet.responses().filter((r) => !(r.status < 300 && issuing.test(`${r.method} ${r.path.split('?')[0]}`)));
    const logs = fleet.logs();
    expect(responses.length).toBeGreaterThan(50);
    expect(logs.some((line) => line.includes('"request_id"'))).toBe(true);
    // The search itself works: the issuing responses do carry the secrets they issue.
    const issued = fleet.responses().filter((r) => r.status < 300 && issuing.test(`${r.method} ${r.path.split('?')[0]}`));
    expect(issued.filter((r) => [...secrets].some((secret) => r.text.includes(secret))).length).toBeGreaterThan(20);

    const needles = [...secrets, fleet.masterKey].flatMap((secret) => [secret, sha256(secret)]);
    expect(secrets.size).toBeGreaterThan(30);
    const leaks = [
      ...responses.flatMap((r) => needles.filter((n) => r.text.includes(n)).map(() => `${r.method} ${r.path} ${r.status}`)),
      ...logs.flatMap((line) => needles.filter((n) => line.includes(n)).map(() => line.slice(0, 200))),
    ];
    expect(leaks).toEqual([]);
  });
});

function sha256(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}
