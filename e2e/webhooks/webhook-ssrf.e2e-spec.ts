import { Fleet, TenantFixture, bootstrapAdmin, onboardTenant } from '@wp/testing';
import { FLEET_BOOT_TIMEOUT_MS, expectError, fieldsOf } from '../foundation/foundation.helpers';

/**
 * OWASP API7 (SSRF) at registration, with the fleet's default: no loopback switch. Each
 * address class is refused with a 400 naming `url`. Send-time refusal (a name that
 * re-resolves) and redirects are covered by the delivery specs, since they need a receiver.
 * No event is triggered here, so nothing is ever sent anywhere.
 */
describe('webhook SSRF refusals at registration', () => {
  let fleet: Fleet;
  let tenant: TenantFixture;

  beforeAll(async () => {
    fleet = await Fleet.start();
    tenant = await onboardTenant(fleet, await bootstrapAdmin(fleet));
  }, FLEET_BOOT_TIMEOUT_MS);

  afterAll(async () => {
    await fleet?.stop();
  });

  test.each([
    ['loopback', 'http://127.0.0.1:5432/'],
    ['loopback (other 127/8)', 'http://127.10.20.30/hook'],
    ['loopback IPv6', 'http://[::1]/hook'],
    ['loopback, hex notation', 'http://0x7f000001/'],
    ['loopback, integer notation', 'http://2130706433/'],
    ['loopback, octal notation', 'http://0177.0.0.1/'],
    ['loopback, IPv4-mapped IPv6', 'http://[::ffff:127.0.0.1]/'],
    ['a name that resolves to loopback', 'http://localhost:8080/hook'],
    ['cloud metadata', 'http://169.254.169.254/latest/meta-data/'],
    ['cloud metadata, IPv4-mapped IPv6', 'http://[::ffff:a9fe:a9fe]/latest/meta-data/'],
    ['link-local', 'http://169.254.1.1/'],
    ['link-local IPv6', 'http://[fe80::1]/'],
    ['private 10/8', 'http://10.0.0.1/'],
    ['private 172.16/12', 'http://172.16.0.1/'],
    ['private 192.168/16', 'https://192.168.0.10/hook'],
    ['unique local IPv6', 'http://[fc00::1]/'],
    ['unspecified', 'http://0.0.0.0/'],
    ['unspecified IPv6', 'http://[::]/'],
    ['carrier-grade NAT', 'http://100.64.0.1/'],
    ['file scheme', 'file:///etc/passwd'],
    ['gopher scheme', 'gopher://127.0.0.1:6379/_FLUSHALL'],
    ['ftp scheme', 'ftp://files.example.com/'],
    ['not a URL', 'hooks.example.com/path'],
  ])('refuses %s: %s', async (_what, url) => {
    const response = await tenant.api.post('/v1/webhooks', { url, events: ['*'] });
    expectError(response, 400);
    expect(fieldsOf(response)).toEqual(['url']);
    expect(response.body.errors[0].message).toMatch(/^must /);
  });

  test('a name is judged by what it resolves to, without revealing the address', async () => {
    const response = await tenant.api.post('/v1/webhooks', { url: 'http://localhost:8080/hook', events: ['*'] });
    expect(response.body.errors).toEqual([{ field: 'url', message: 'must not resolve to a loopback address' }]);
  });

  test('a public address is accepted', async () => {
    // A literal needs no DNS; the endpoint is deleted at once, before any event could be sent.
    const response = await tenant.api.post('/v1/webhooks', { url: 'https://93.184.216.34/hook', events: ['pass.voided'] });
    expect(response.status).toBe(201);
    expect((await tenant.api.delete(`/v1/webhooks/${response.body.data.id}`)).status).toBe(200);
  });
});
