import { Admin, Fleet, bootstrapAdmin, onboardTenant, repoRoot, waitFor } from '@wp/testing';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { FLEET_BOOT_TIMEOUT_MS, expectError, fieldsOf } from './foundation.helpers';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

/** The tenant-management routes of the contract, plus /health. */
const CONTRACT_ROUTES = [
  'GET /health',
  'POST /v1/bootstrap/super-admin',
  'POST /v1/auth/login',
  'POST /v1/bearer-tokens',
  'GET /v1/bearer-tokens',
  'DELETE /v1/bearer-tokens/{}',
  'POST /v1/onboard',
  'GET /v1/tenants',
  'GET /v1/tenants/{}',
  'PATCH /v1/tenants/{}',
  'GET /v1/tenants/{}/api-keys',
  'POST /v1/tenants/{}/api-keys',
  'DELETE /v1/tenants/{}/api-keys/{}',
  'GET /v1/tenant',
  'PUT /v1/tenant/apple',
  'PUT /v1/tenant/google',
];
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

interface Operation {
  method: string;
  path: string;
  secured: boolean;
}

function operationsOf(document: { paths: Record<string, Record<string, { security?: Array<Record<string, string[]>> }>> }): Operation[] {
  return Object.entries(document.paths).flatMap(([route, item]) =>
    Object.entries(item)
      .filter(([method]) => HTTP_METHODS.includes(method))
      .map(([method, operation]) => ({
        method: method.toUpperCase(),
        path: route,
        // `[{}]` (an empty requirement) is how a public operation says so.
        secured: (operation.security ?? []).some((requirement) => Object.keys(requirement).length > 0),
      })),
  );
}

/**
 * What every caller meets at the gateway before and around a handler: credentials, request
 * validation, body limits, the error envelope and request ids, host-routed /health, and a
 * revocation that bites on every replica.
 */
describe('the gateway edge (two replicas)', () => {
  let fleet: Fleet;
  let admin: Admin;

  beforeAll(async () => {
    fleet = await Fleet.start({ gatewayReplicas: 2 });
    admin = await bootstrapAdmin(fleet);
  }, FLEET_BOOT_TIMEOUT_MS);
  afterAll(async () => {
    await fleet?.stop();
  });

  describe('credentials', () => {
    test.each([
      ['GET', '/v1/tenant'],
      ['GET', '/v1/tenants'],
      ['POST', '/v1/onboard'],
      ['POST', '/v1/bearer-tokens'],
      ['PUT', '/v1/tenant/apple'],
    ])('%s %s without credentials is a 401 envelope', async (method, path) => {
      const response = await fleet.api.request(method, path, { body: method === 'GET' ? undefined : {} });
      expectError(response, 401);
    });

    test("the seed's `Authorization: Bearer admin@walletpass.ai` is refused with 403: an e-mail is not a secret", async () => {
      const seed = fleet.api.withBearer('admin@walletpass.ai');
      const bearer = await seed.post('/v1/bearer-tokens', { name: 'Development Token', expires_at: '2026-12-31T23:59:59Z' });
      expectError(bearer, 403);
      expectError(await seed.post('/v1/onboard', { company_name: 'My Company', contact_email: 'contact@mycompany.com', contact_name: 'John Doe' }), 403);
      expectError(await seed.get('/v1/tenants'), 403);
    });

    test.each([
      ['a well-formed key nobody issued', `wp_${randomBytes(16).toString('hex')}`],
      ['a malformed key', 'wp_not-a-key'],
      ['a bearer token as an API key', `bt_${randomBytes(16).toString('hex')}`],
    ])('%s in X-API-Key is a 403', async (_what, key) => {
      expectError(await fleet.api.withApiKey(key).get('/v1/tenant'), 403);
    });

    test('unknown, malformed and non-Bearer Authorization values are 403', async () => {
      expectError(await fleet.api.withBearer(`st_${randomBytes(24).toString('hex')}`).get('/v1/tenants'), 403);
      expectError(await fleet.api.withBearer(`bt_${randomBytes(16).toString('hex')}`).post('/v1/onboard', {}), 403);
      expectError(await fleet.api.with({ authorization: `Basic ${Buffer.from('admin:pw').toString('base64')}` }).get('/v1/tenants'), 403);
    });

    test('a credential of the wrong role is a 403: tenant key on admin routes, admin token on tenant routes', async () => {
      const tenant = await onboardTenant(fleet, admin);
      const onAdminRoute = await tenant.api.get('/v1/tenants');
      expectError(onAdminRoute, 403);
      expect(onAdminRoute.body.message).toMatch(/admin/);
      expectError(await admin.api.get('/v1/tenant'), 403);
    });

    test('a revoked API key is refused within 1 s on every gateway replica', async () => {
      const tenant = await onboardTenant(fleet, admin);
      const [one, two] = fleet.replicas.map((replica) => replica.withApiKey(tenant.apiKey));
      // Both replicas have the key in their credential cache before it is revoked.
      expect((await one.get('/v1/tenant')).status).toBe(200);
      expect((await two.get('/v1/tenant')).status).toBe(200);
      const [key] = (await admin.api.get(`/v1/tenants/${tenant.tenantId}/api-keys`)).body.data as Array<{ id: string }>;

      expect((await admin.api.delete(`/v1/tenants/${tenant.tenantId}/api-keys/${key.id}`)).status).toBe(200);
      await waitFor(
        'both replicas to refuse the revoked key',
        async () => {
          const statuses = await Promise.all([one.get('/v1/tenant'), two.get('/v1/tenant')]);
          return statuses.every((r) => r.status === 403) ? true : undefined;
        },
        1000,
        20,
      );
      for (const replica of [one, two]) {
        const refused = await replica.get('/v1/tenant');
        expectError(refused, 403);
        // The same words as for a key that never existed: nothing says it once worked.
        expect(refused.body.message).toBe('Invalid credentials');
      }
    });
  });

  describe('requests', () => {
    test('an unknown tenant id is a 404, and so is a route that does not exist', async () => {
      expectError(await admin.api.get(`/v1/tenants/${UNKNOWN_ID}`), 404);
      expectError(await fleet.api.get('/v1/no-such-route'), 404);
    });

    test('a second bootstrap is a 409, whoever asks', async () => {
      const again = await fleet.api.post('/v1/bootstrap/super-admin', { email: 'second@walletpass.ai', password: 'AnotherPassword123!', name: 'Second' });
      expectError(again, 409);
      expectError(await admin.api.post('/v1/bootstrap/super-admin', { email: admin.email, password: 'SecurePassword123!', name: 'Super Admin' }), 409);
    });

    test('a JSON body over 1 MiB is a 413', async () => {
      const response = await admin.api.post('/v1/onboard', { company_name: 'x'.repeat(1024 * 1024), contact_email: 'big@example.com', contact_name: 'Big' });
      expectError(response, 413);
    });

    test('a body that is not JSON is a 415', async () => {
      const response = await admin.api.post('/v1/onboard', undefined, { rawBody: 'company_name=Acme', headers: { 'content-type': 'text/plain' } });
      expectError(response, 415);
      const xml = await admin.api.post('/v1/onboard', undefined, { rawBody: '<company_name>Acme</company_name>', headers: { 'content-type': 'application/xml' } });
      expectError(xml, 415);
      // Form bodies are parsed only for Twilio's callbacks; anywhere else they are the wrong type.
      const form = await admin.api.post('/v1/onboard', undefined, { rawBody: 'company_name=Acme', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expectError(form, 415);
    });

    test('malformed JSON is a 400', async () => {
      const response = await admin.api.post('/v1/onboard', undefined, { rawBody: '{"company_name": "Acme",', headers: { 'content-type': 'application/json' } });
      expectError(response, 400);
    });

    test('an unknown field is a 400 naming it; each missing or bad field gets its own entry', async () => {
      const unknown = await admin.api.post('/v1/onboard', { company_name: 'Acme', contact_email: 'a@example.com', contact_name: 'A', plan: 'gold' });
      expectError(unknown, 400);
      expect(fieldsOf(unknown)).toEqual(['plan']);

      const bad = await admin.api.post('/v1/onboard', { company_name: 'Acme', contact_email: 'not-an-email' });
      expectError(bad, 400);
      expect(fieldsOf(bad).sort()).toEqual(['contact_email', 'contact_name']);
    });

    test('X-Request-Id is echoed when given, minted otherwise, and always equals request_id', async () => {
      const given = `req-${randomBytes(6).toString('hex')}`;
      const failed = await fleet.api.get('/v1/tenant', { headers: { 'x-request-id': given } });
      expectError(failed, 401);
      expect(failed.body.request_id).toBe(given);

      const ok = await admin.api.get('/v1/tenants', { headers: { 'x-request-id': given } });
      expect(ok.status).toBe(200);
      expect(ok.headers.get('x-request-id')).toBe(given);

      const minted = await admin.api.get('/v1/tenants');
      expect(minted.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      expect(minted.headers.get('x-request-id')).not.toBe(given);
    });

    test("the request id reaches the owning service's log lines", async () => {
      const given = `trace-${randomBytes(6).toString('hex')}`;
      expect((await admin.api.post('/v1/bearer-tokens', { name: 'Traced' }, { headers: { 'x-request-id': given } })).status).toBe(201);
      await waitFor('the gateway and tenant-management to log the request id', () => {
        const gateway = fleet.logs('gateway').some((line) => line.includes(given));
        const service = fleet.logs('tenant-management').some((line) => line.includes(given));
        return gateway && service ? true : undefined;
      }, 5000);
    });
  });

  describe('OpenAPI', () => {
    let document: any;

    beforeAll(async () => {
      const response = await fleet.api.get('/openapi.json');
      expect(response.status).toBe(200);
      document = response.body;
    });

    test('GET /openapi.json documents every tenant-management route of the contract, and /health', () => {
      expect(document.openapi).toMatch(/^3\./);
      const documented = operationsOf(document).map((op) => `${op.method} ${op.path.replace(/\{[^}]+\}/g, '{}')}`);
      expect(documented).toEqual(expect.arrayContaining(CONTRACT_ROUTES));
    });

    test('every documented operation is served: secured ones answer 401 without credentials, public ones are not a missing route', async () => {
      const operations = operationsOf(document);
      expect(operations.length).toBeGreaterThanOrEqual(CONTRACT_ROUTES.length);
      const answers = await Promise.all(
        operations.map(async (op) => {
          const url = op.path.replace(/\{[^}]+\}/g, UNKNOWN_ID);
          const response = await fleet.api.request(op.method, url, { body: ['POST', 'PUT', 'PATCH'].includes(op.method) ? {} : undefined });
          const missingRoute = response.status === 404 && response.body?.message === 'Not found';
          return { route: `${op.method} ${op.path}`, answer: op.secured ? response.status : missingRoute ? 'missing route' : 'served' };
        }),
      );
      expect(answers).toEqual(operations.map((op) => ({ route: `${op.method} ${op.path}`, answer: op.secured ? 401 : 'served' })));
    });

    test('the document passes `redocly lint` (recommended rules)', async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'wp-openapi-'));
      try {
        const file = path.join(dir, 'openapi.json');
        writeFileSync(file, JSON.stringify(document));
        const cli = path.join(repoRoot(), 'node_modules', '.bin', 'redocly');
        const lint = await promisify(execFile)(cli, ['lint', '--config', path.join(repoRoot(), 'redocly.yaml'), file], {
          cwd: repoRoot(),
          env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
        }).then(
          ({ stdout, stderr }) => ({ code: 0, output: stdout + stderr }),
          (error: { code?: number; stdout?: string; stderr?: string }) => ({ code: error.code ?? 1, output: `${error.stdout ?? ''}${error.stderr ?? ''}` }),
        );
        expect(lint).toEqual({ code: 0, output: expect.stringContaining('Your API description is valid') });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    test('GET /docs renders the reference as HTML', async () => {
      const docs = await fleet.api.get('/docs');
      expect(docs.status).toBe(200);
      expect(docs.headers.get('content-type')).toMatch(/^text\/html/);
      expect(docs.text).toContain('<title>WalletPass API reference</title>');
    });
  });

  describe('GET /health', () => {
    test.each([
      ['tenant.localhost', 'tenant-management-service', 'Tenant Management Service'],
      ['member.localhost', 'member-data-service', 'Member Data Service'],
      ['generate.walletpass.example', 'pass-generation-service', 'Pass Generation Service'],
      ['notification.localhost:3000', 'notification-service', 'Notification Service'],
    ])('with Host %s is answered by that service', async (host, service, title) => {
      const response = await fleet.api.get('/health', { headers: { host } });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        status: 'success',
        message: `${title} is healthy`,
        service,
        timestamp: expect.any(String),
        checks: { postgres: 'up', redis: 'up', bus: 'up' },
      });
    });

    test.each(['localhost', '127.0.0.1', 'api.walletpass.example'])('with Host %s is the gateway aggregate', async (host) => {
      const response = await fleet.api.get('/health', { headers: { host } });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        status: 'success',
        message: 'WalletPass gateway is healthy',
        service: 'gateway',
        timestamp: expect.any(String),
        checks: { redis: 'up', 'tenant-management': 'up', 'member-data': 'up', 'pass-generation': 'up', notification: 'up' },
      });
    });
  });
});

describe('per-tenant rate limits (1 request/s, burst 3)', () => {
  let fleet: Fleet;
  let admin: Admin;

  beforeAll(async () => {
    fleet = await Fleet.start({ env: { RATE_LIMIT_RPS: '1', RATE_LIMIT_BURST: '3' } });
    admin = await bootstrapAdmin(fleet);
  }, FLEET_BOOT_TIMEOUT_MS);
  afterAll(async () => {
    await fleet?.stop();
  });

  test('past its burst a tenant gets 429 with Retry-After and X-RateLimit-*; other tenants are unaffected', async () => {
    const noisy = await onboardTenant(fleet, admin);
    const quiet = await onboardTenant(fleet, admin);

    const allowed = [];
    for (let i = 0; i < 3; i++) allowed.push(await noisy.api.get('/v1/tenant'));
    expect(allowed.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(allowed.map((r) => r.headers.get('x-ratelimit-limit'))).toEqual(['3', '3', '3']);
    expect(Number(allowed[2].headers.get('x-ratelimit-remaining'))).toBeLessThan(Number(allowed[0].headers.get('x-ratelimit-remaining')));

    const limited = await noisy.api.get('/v1/tenant');
    expectError(limited, 429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limited.headers.get('x-ratelimit-limit')).toBe('3');
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(limited.headers.get('x-ratelimit-reset'))).toBeGreaterThanOrEqual(1);

    expect((await quiet.api.get('/v1/tenant')).status).toBe(200);
    // The bucket refills: once Retry-After has passed the tenant gets in again.
    await waitFor('the noisy tenant to be let in again', async () => ((await noisy.api.get('/v1/tenant')).status === 200 ? true : undefined), 5000, 250);
  });
});
