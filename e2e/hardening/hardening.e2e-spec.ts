import { launchChromium } from '@wp/hosted-page/testing';
import { builtInImages } from '@wp/pkpass';
import { createTestCa, issuePassCertificate } from '@wp/pkpass/testing';
import { Admin, Fleet, TenantFixture, bootstrapAdmin, onboardTenant } from '@wp/testing';
import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { FLEET_BOOT_TIMEOUT_MS, expectError, fieldsOf } from '../foundation/foundation.helpers';
import { FakeIPhone } from '../live-updates/fake-iphone';
import { uploadFile } from '../pass/pass.helpers';

const ASSET_LIMIT = 5 * 1024 * 1024;
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

/** A PNG by its signature and IHDR (all the service reads), padded to exactly `size` bytes. */
function pngOfSize(size: number): Buffer {
  const png = builtInImages()['icon.png'];
  return Buffer.concat([png, Buffer.alloc(size - png.length)]);
}

const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
/** POSTs `total` bytes with chunked transfer encoding (no Content-Length), as a streaming client does. */
function postChunked(url: string, headers: Record<string, string>, total: number): Promise<{ status: number; headers: Record<string, unknown>; body: any }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', headers: { ...headers, 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    const pump = () => {
      while (sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

/** A client address of its own (TRUST_PROXY is on), so per-address limits of one test never touch another. */
const from = (address: string) => ({ 'x-forwarded-for': address });

/**
 * Issue 12's reproductions, as a hostile client meets the gateway: each test is the
 * attack that used to stall the gateway, store a truncated file, reset a connection or
 * answer 500, and now gets the contract's 4xx envelope.
 */
describe('hardening: hostile input at the gateway', () => {
  let fleet: Fleet;
  let admin: Admin;
  let tenant: TenantFixture;

  beforeAll(async () => {
    fleet = await Fleet.start({
      processEnv: { gateway: { TRUST_PROXY: 'true', AUTH_FAILURE_BURST: '5', AUTH_FAILURE_PER_MIN: '1', APPLE_LOG_RATE_PER_MIN: '3' } },
    });
    admin = await bootstrapAdmin(fleet);
    tenant = await onboardTenant(fleet, admin);
  }, FLEET_BOOT_TIMEOUT_MS);
  afterAll(async () => {
    await fleet?.stop();
  });

  describe('deeply nested JSON (item 2)', () => {
    test('40 parallel 1 MB bodies nested 500,000 deep without credentials are 400s, and a normal request is served meanwhile', async () => {
      const deep = nested(500_000);
      const attacks = Array.from({ length: 40 }, () => fleet.api.request('POST', '/v1/members/register', { rawBody: deep, headers: { 'content-type': 'application/json' } }));
      const normal = fleet.api.get('/health');
      const [health, ...answers] = await Promise.all([normal, ...attacks]);
      expect(health.status).toBe(200);
      for (const answer of answers) expectError(answer, 400);
      expect(answers[0].body.message).toMatch(/nested deeper than 64/);
    });

    test('with a valid key the same body is a 400, not a 500 from the validation pipe', async () => {
      const deepField = `{"member_id":${nested(500_000)}}`;
      expectError(await tenant.api.request('POST', '/v1/members/register', { rawBody: deepField, headers: { 'content-type': 'application/json' } }), 400);
      // Within the limit, nesting reaches validation and gets its field error.
      const shallow = await tenant.api.request('POST', '/v1/members/register', { rawBody: `{"member_id":${nested(60)}}`, headers: { 'content-type': 'application/json' } });
      expectError(shallow, 400);
      expect(fieldsOf(shallow)).toContain('member_id');
    });
  });

  describe('uploads (items 5, 6, 8)', () => {
    test('a 6.75 MB PNG through fetch is a 413 every time and nothing is stored', async () => {
      for (let i = 0; i < 5; i++) {
        const upload = await uploadFile(fleet.baseUrl, tenant.apiKey, `big-${i}.png`, pngOfSize(Math.round(6.75 * 1024 * 1024)));
        expect({ status: upload.status, envelope: upload.body?.status }).toEqual({ status: 413, envelope: 'error' });
      }
      expect((await tenant.api.get('/v1/assets')).body.data).toEqual([]);
    });

    test('one byte over 5 MiB is a 413; exactly 5 MiB is stored whole', async () => {
      const over = await uploadFile(fleet.baseUrl, tenant.apiKey, 'over.png', pngOfSize(ASSET_LIMIT + 1));
      expect(over.status).toBe(413);
      const exact = await uploadFile(fleet.baseUrl, tenant.apiKey, 'exact.png', pngOfSize(ASSET_LIMIT));
      expect(exact.status).toBe(201);
      expect(exact.body.data.size).toBe(ASSET_LIMIT);
      expect((await tenant.api.get('/v1/assets')).body.data.map((a: { filename: string }) => a.filename)).toEqual(['exact.png']);
    });

    test("an over-limit JSON body sent by Node's HTTP client gets its 413 envelope, not a reset connection", async () => {
      // Big enough that loopback's socket buffers cannot absorb it: the client is still writing when the 413 is decided.
      const big = JSON.stringify({ member_id: 'M-BIG', member_name: 'x'.repeat(24 * 1024 * 1024) });
      for (let i = 0; i < 5; i++) {
        expectError(await tenant.api.request('POST', '/v1/members/register', { rawBody: big, headers: { 'content-type': 'application/json' } }), 413);
      }
      // Without credentials too: the refusal still waits for the body it refuses.
      expectError(await fleet.api.request('POST', '/v1/members/register', { rawBody: big, headers: { 'content-type': 'application/json' } }), 413);
    });

    test('an over-limit chunked body (no Content-Length) gets its 413 envelope too', async () => {
      const response = await postChunked(`${fleet.baseUrl}/v1/members/register`, { 'x-api-key': tenant.apiKey }, 24 * 1024 * 1024);
      expect(response.status).toBe(413);
      expect(response.body).toMatchObject({ status: 'error', request_id: response.headers['x-request-id'] });
    });

    test.each([
      ['cut short', 'multipart/form-data; boundary=----wp', '------wp\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n\x89PNG'],
      ['without a boundary', 'multipart/form-data', 'whatever'],
      ['with a broken part header', 'multipart/form-data; boundary=----wp', '------wp\r\nContent-Disposition\r\n\r\nx\r\n------wp--\r\n'],
    ])('malformed multipart (%s) is a 400 envelope', async (_what, contentType, body) => {
      expectError(await tenant.api.request('POST', '/v1/assets', { rawBody: body, headers: { 'content-type': contentType } }), 400);
    });

    test('multipart on a JSON route is a 415', async () => {
      const form = new FormData();
      form.append('member_id', 'M-FORM');
      const response = await fetch(new URL('/v1/members/register', fleet.baseUrl), { method: 'POST', headers: { 'x-api-key': tenant.apiKey }, body: form });
      expect(response.status).toBe(415);
      expect(await response.json()).toMatchObject({ status: 'error', request_id: response.headers.get('x-request-id') });
    });
  });

  describe('NUL characters (item 7)', () => {
    test.each([
      ['POST', '/v1/members/register', { member_id: 'M-NUL', member_name: 'Jane\u0000Roe' }, 'member_name'],
      ['POST', '/v1/members/register', { member_id: 'M\u0000NUL' }, 'member_id'],
      ['POST', '/v1/pass-styles', { name: 'Gold\u0000' }, 'name'],
      ['POST', '/v1/style-groups', { name: 'G', rules: [{ pass_style_id: UNKNOWN_ID, min_points: 0, max_points: 0, note: '\u0000' }] }, 'rules[0].note'],
      ['POST', '/v1/webhooks', { url: 'https://example.com/\u0000', events: ['member.created'] }, 'url'],
    ])('%s %s with a NUL is a 400 naming the field', async (method, path, body, field) => {
      const response = await tenant.api.request(method, path, { body });
      expectError(response, 400);
      expect(fieldsOf(response)).toContain(field);
    });

    test('a NUL in a query or path parameter is a 400 too', async () => {
      const query = await tenant.api.get('/v1/members?tier=gold%00');
      expectError(query, 400);
      expect(fieldsOf(query)).toContain('tier');
      expectError(await tenant.api.get('/v1/members/M%00X'), 400);
    });
  });

  describe('shapes the fuzz test found', () => {
    test.each([
      ['a lone surrogate in an e-mail', 'POST', '/v1/members/register', { member_id: 'M-SURR', member_email: '\ud800' }, 'member_email'],
      ['a null operation', 'POST', '/v1/batch', { operations: [null] }, undefined],
      ['an array as a tier', 'POST', '/v1/memberships', { name: 'P', tiers: [[]] }, 'tiers'],
      ['an array as a rule', 'POST', '/v1/style-groups', { name: 'G', rules: [[]] }, 'rules'],
    ])('%s is a 400, not a 500', async (_what, method, path, body, field) => {
      const response = await tenant.api.request(method, path, { body });
      expectError(response, 400);
      if (field) expect(fieldsOf(response)).toContain(field);
    });
  });

  describe('style groups of members (item 9)', () => {
    test("an unknown or another tenant's style_group_id is a 404 naming the field, on register and PATCH", async () => {
      const other = await onboardTenant(fleet, admin);
      const otherStyle = await other.api.post('/v1/pass-styles', { name: 'Other' });
      const foreignGroup = await other.api.post('/v1/style-groups', { name: 'Other', rules: [{ pass_style_id: otherStyle.body.data.id, min_points: 0, max_points: 0 }] });
      expect(foreignGroup.status).toBe(201);

      for (const id of [foreignGroup.body.data.id as string, UNKNOWN_ID]) {
        const registered = await tenant.api.post('/v1/members/register', { member_id: `M-SG-${id.slice(0, 4)}`, style_group_id: id });
        expectError(registered, 404);
        expect(fieldsOf(registered)).toEqual(['style_group_id']);
      }
      expect((await tenant.api.post('/v1/members/register', { member_id: 'M-SG' })).status).toBe(201);
      const patched = await tenant.api.patch('/v1/members/M-SG', { style_group_id: foreignGroup.body.data.id });
      expectError(patched, 404);
      expect(fieldsOf(patched)).toEqual(['style_group_id']);
      expect((await tenant.api.get('/v1/members/M-SG')).body.data.style_group_id).toBeNull();

      const ownStyle = await tenant.api.post('/v1/pass-styles', { name: 'Own' });
      const ownGroup = await tenant.api.post('/v1/style-groups', { name: 'Own', rules: [{ pass_style_id: ownStyle.body.data.id, min_points: 0, max_points: 0 }] });
      expect((await tenant.api.patch('/v1/members/M-SG', { style_group_id: ownGroup.body.data.id })).status).toBe(200);
      expect((await tenant.api.post('/v1/members/register', { member_id: 'M-SG-OWN', style_group_id: ownGroup.body.data.id })).status).toBe(201);
      expect((await tenant.api.patch('/v1/members/M-SG', { style_group_id: null })).status).toBe(200);
    });
  });

  describe('failed credentials and the device log (item 10)', () => {
    test('after AUTH_FAILURE_BURST failures an address gets 429 with Retry-After, before any lookup; other addresses are unaffected', async () => {
      const attacker = fleet.api.with(from('198.51.100.10'));
      for (let i = 0; i < 5; i++) expectError(await attacker.withApiKey(`wp_${randomBytes(16).toString('hex')}`).get('/v1/tenant'), 403);
      const limited = await attacker.withApiKey(`wp_${randomBytes(16).toString('hex')}`).get('/v1/tenant');
      expectError(limited, 429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      // Even a valid key that needs a lookup waits: the address is refused before the lookup.
      const fresh = await admin.api.post(`/v1/tenants/${tenant.tenantId}/api-keys`, { name: 'fresh' });
      expectError(await attacker.withApiKey(fresh.body.data.api_key).get('/v1/tenant'), 429);
      expect((await fleet.api.with(from('198.51.100.11')).withApiKey(tenant.apiKey).get('/v1/tenant')).status).toBe(200);
    });

    test('/apple/v1/log refuses bodies over 64 KiB and is rate limited per address', async () => {
      const device = fleet.api.with(from('198.51.100.20'));
      expectError(await device.post('/apple/v1/log', { logs: ['x'.repeat(70 * 1024)] }), 413);
      for (let i = 0; i < 3; i++) expect((await device.post('/apple/v1/log', { logs: [`entry ${i}`] })).status).toBe(200);
      const limited = await device.post('/apple/v1/log', { logs: ['one more'] });
      expectError(limited, 429);
      expect(limited.headers.get('retry-after')).toBeTruthy();
    });
  });

  describe('edges (item 11)', () => {
    test('API responses and /docs carry nosniff and a Content-Security-Policy', async () => {
      const api = await tenant.api.get('/v1/tenant');
      expect(api.headers.get('x-content-type-options')).toBe('nosniff');
      expect(api.headers.get('content-security-policy')).toContain("default-src 'none'");
      const error = await fleet.api.get('/v1/tenant');
      expect(error.headers.get('x-content-type-options')).toBe('nosniff');
      expect(error.headers.get('content-security-policy')).toContain("default-src 'none'");
      const docs = await fleet.api.get('/docs');
      expect(docs.status).toBe(200);
      expect(docs.headers.get('x-content-type-options')).toBe('nosniff');
      expect(docs.headers.get('content-security-policy')).toContain("script-src 'self'");
    });

    test('Swagger UI at /docs still renders under its Content-Security-Policy', async () => {
      const browser = await launchChromium();
      try {
        const page = await browser.newPage();
        const violations: string[] = [];
        page.on('console', (message) => void (/Content Security Policy/i.test(message.text()) && violations.push(message.text())));
        await page.goto(`${fleet.baseUrl}/docs`);
        await page.waitForSelector('.opblock', { timeout: 30_000 });
        expect(violations).toEqual([]);
      } finally {
        await browser.close();
      }
    });

    test('oversized headers get a 431 error envelope with X-Request-Id', async () => {
      expectError(await fleet.api.get('/v1/tenant', { headers: { 'x-filler': 'a'.repeat(20 * 1024) } }), 431);
    });

    test("a suspended tenant's passes stop answering: Apple web service 401/204, its /p page and pass.pkpass 404", async () => {
      const suspended = await onboardTenant(fleet, admin);
      const certificate = issuePassCertificate(createTestCa('Stand-in Apple CA'), { passTypeIdentifier: 'pass.com.example.hardening', teamIdentifier: 'HARDEN1234' });
      const apple = await suspended.api.put('/v1/tenant/apple', {
        pass_type_identifier: 'pass.com.example.hardening',
        team_identifier: 'HARDEN1234',
        certificate_pem: certificate.certificatePem,
        private_key_pem: certificate.privateKeyPem,
      });
      expect(apple.status).toBe(200);
      expect((await suspended.api.post('/v1/members/register', { member_id: 'M-SUSP' })).status).toBe(201);
      const created = await suspended.api.post('/v1/passes/create-from-member', { member_id: 'M-SUSP', pass_type: 'apple', company_name: 'Suspended Co' });
      expect(created.status).toBe(201);
      const download = await suspended.api.get(`/v1/passes/${created.body.data.pass_id}/download`);
      const phone = new FakeIPhone();
      const held = phone.add(download.bytes, download.headers.get('last-modified'));
      expect((await phone.register(held)).status).toBe(201);
      const sent = await suspended.api.post('/v1/distribution/send-pass-sms?dry_run=1', { pass_id: created.body.data.pass_id, phone_number: '+14155550123' });
      expect(sent.status).toBe(201);
      const follow = await fleet.api.get(new URL(sent.body.data.short_url).pathname, { redirect: 'manual' });
      const page = new URL(follow.headers.get('location') ?? '', fleet.baseUrl).pathname;
      expect((await fleet.api.get(page)).status).toBe(200);
      expect((await fleet.api.get(`${page}/pass.pkpass`)).status).toBe(200);
      expect((await phone.fetch(held, { conditional: false })).status).toBe(200);
      expect((await phone.listUpdated(held)).status).toBe(200);

      expect((await admin.api.patch(`/v1/tenants/${suspended.tenantId}`, { status: 'suspended' })).status).toBe(200);

      expect((await phone.fetch(held, { conditional: false })).status).toBe(401);
      expect((await phone.register(held)).status).toBe(401);
      phone.tag = null;
      expect((await phone.listUpdated(held)).status).toBe(204);
      expect((await fleet.api.get(page)).status).toBe(404);
      expect((await fleet.api.get(`${page}/pass.pkpass`)).status).toBe(404);
      // Unregistering still works: a device may always let go of a pass.
      expect((await phone.unregister(held)).status).toBe(200);
    });

    test('a revoked key gets the same answer as a key that never existed', async () => {
      const caller = fleet.api.with(from('198.51.100.30'));
      const issued = await admin.api.post(`/v1/tenants/${tenant.tenantId}/api-keys`, { name: 'short-lived' });
      expect(issued.status).toBe(201);
      expect((await admin.api.delete(`/v1/tenants/${tenant.tenantId}/api-keys/${issued.body.data.id}`)).status).toBe(200);
      const revoked = await caller.withApiKey(issued.body.data.api_key).get('/v1/tenant');
      const unknown = await caller.withApiKey(`wp_${randomBytes(16).toString('hex')}`).get('/v1/tenant');
      expectError(revoked, 403);
      expectError(unknown, 403);
      expect(revoked.body.message).toBe(unknown.body.message);
    });
  });
});
