import { createTestCa, issuePassCertificate } from '@wp/pkpass/testing';
import { Fleet, bootstrapAdmin, onboardTenant, waitFor } from '@wp/testing';
import { X509Certificate } from 'node:crypto';
import { FLEET_BOOT_TIMEOUT_MS } from '../foundation/foundation.helpers';
import { WebhookReceiver } from './webhook-receiver';

const DAY = 86_400_000;

/**
 * tenant.certificate_expiring end to end (spec/API.md §8.3): an Apple certificate uploaded
 * 10 days before it expires is checked at upload, and the tenant's webhook gets one event,
 * through tenant-management's outbox, however often the certificate is uploaded again.
 * The thresholds with a controlled clock are in the service's integration spec.
 */
describe('certificate expiry webhook', () => {
  let fleet: Fleet;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
    fleet = await Fleet.start({ env: { WEBHOOK_ALLOW_LOOPBACK: '1' } });
  }, FLEET_BOOT_TIMEOUT_MS);
  afterAll(async () => {
    await fleet?.stop();
    await receiver?.close();
  });

  test('an upload 10 days before expiry sends one tenant.certificate_expiring', async () => {
    const tenant = await onboardTenant(fleet, await bootstrapAdmin(fleet));
    expect((await tenant.api.post('/v1/webhooks', { url: receiver.url('/expiry'), events: ['tenant.*'] })).status).toBe(201);
    const certificate = issuePassCertificate(createTestCa(), {
      passTypeIdentifier: 'pass.com.example.expiring',
      teamIdentifier: 'EXPIRE0001',
      notAfter: new Date(Date.now() + 10 * DAY + 3_600_000),
    });
    const body = {
      pass_type_identifier: 'pass.com.example.expiring',
      team_identifier: 'EXPIRE0001',
      certificate_pem: certificate.certificatePem,
      private_key_pem: certificate.privateKeyPem,
    };
    expect((await tenant.api.put('/v1/tenant/apple', body)).status).toBe(200);
    expect((await tenant.api.put('/v1/tenant/apple', body)).status).toBe(200);
    const [payload] = await waitFor('the webhook', () => (receiver.payloads('/expiry').length ? receiver.payloads('/expiry') : undefined), 20_000);
    const notAfter = new Date(new X509Certificate(certificate.certificatePem).validTo).toISOString();
    expect(payload).toMatchObject({
      type: 'tenant.certificate_expiring',
      tenant_id: tenant.tenantId,
      data: { kind: 'apple_pass_certificate', not_after: notAfter, days_left: 10 },
    });
    expect((await tenant.api.get('/v1/tenant')).body.data.wallets.apple.not_after).toBe(notAfter);
    // The second upload of the same certificate sent nothing more.
    const events = await tenant.api.get('/v1/insights/events');
    expect(events.body.data.filter((e: { type: string }) => e.type === 'tenant.certificate_expiring')).toHaveLength(1);
    expect(receiver.payloads('/expiry')).toHaveLength(1);
  });
});
