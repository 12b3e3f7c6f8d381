import { FakeApnsServer } from '@wp/apns/testing';
import { createTestCa, issuePassCertificate } from '@wp/pkpass/testing';
import { Admin, Fleet, TenantFixture, bootstrapAdmin, onboardTenant, waitFor } from '@wp/testing';
import { FLEET_BOOT_TIMEOUT_MS, expectError } from '../foundation/foundation.helpers';
import { FakeIPhone, HeldPass } from './fake-iphone';

const PASS_TYPE = 'pass.com.example.trace';
const TEAM = 'TRACE12345';

interface Step {
  at: string;
  kind: string;
  [field: string]: any;
}

/**
 * GET /v1/passes/{pass_id}/trace (spec/API.md §8.4) after a real register → points change →
 * push → fetch → 304 flow against the local APNs fake: each step in order, with the status
 * the fake gave; a 410 shows as such, followed by the unregistration it caused.
 */
describe('the update trace of a pass', () => {
  let apns: FakeApnsServer;
  let fleet: Fleet;
  let admin: Admin;
  let tenant: TenantFixture;

  beforeAll(async () => {
    apns = await FakeApnsServer.start();
    fleet = await Fleet.start({ env: { APNS_URL: apns.url } });
    admin = await bootstrapAdmin(fleet);
    tenant = await onboardTenant(fleet, admin, 'Trace Coffee');
    const certificate = issuePassCertificate(createTestCa('Stand-in Apple CA'), { passTypeIdentifier: PASS_TYPE, teamIdentifier: TEAM });
    const stored = await tenant.api.put('/v1/tenant/apple', {
      pass_type_identifier: PASS_TYPE,
      team_identifier: TEAM,
      certificate_pem: certificate.certificatePem,
      private_key_pem: certificate.privateKeyPem,
    });
    expect(stored.status).toBe(200);
  }, FLEET_BOOT_TIMEOUT_MS);
  afterAll(async () => {
    await fleet?.stop();
    await apns?.stop();
  });

  async function phoneWith(memberId: string): Promise<{ phone: FakeIPhone; held: HeldPass; passId: string }> {
    expect((await tenant.api.post('/v1/members/register', { member_id: memberId, member_name: 'Ada Lovelace' })).status).toBe(201);
    const created = await tenant.api.post('/v1/passes/create-from-member', { member_id: memberId, pass_type: 'apple', company_name: 'Trace Coffee' });
    expect(created.status).toBe(201);
    const download = await tenant.api.get(`/v1/passes/${created.body.data.pass_id}/download`);
    const phone = new FakeIPhone();
    const held = phone.add(download.bytes, download.headers.get('last-modified'));
    expect((await phone.register(held)).status).toBe(201);
    return { phone, held, passId: created.body.data.pass_id };
  }

  /** Oldest first, which is how a reader follows the chain. */
  async function trace(passId: string): Promise<Step[]> {
    const response = await tenant.api.get(`/v1/passes/${passId}/trace`);
    expect(response.status).toBe(200);
    return [...(response.body.data as Step[])].reverse();
  }

  test('version → push (APNs status) → fetch 200 → fetch 304, with the event that caused the version', async () => {
    const { phone, held, passId } = await phoneWith('TRACE-1');
    // 50 points stay inside the default bronze tier, so the points change is the only event behind version 2
    // (120 would also cross into silver, and whichever of the two events the pass service took first would be the cause).
    const changed = await tenant.api.put('/v1/members/TRACE-1/points', { points: 50, operation: 'add' });
    expect(changed.status).toBe(200);
    const push = await waitFor('the push', () => apns.pushes.find((p) => p.token === phone.pushToken), 20_000);
    expect(push.response.status).toBe(200);
    await waitFor('the push on the trace', async () => (await trace(passId)).find((s) => s.kind === 'apns_push'), 20_000);
    expect((await phone.fetch(held)).status).toBe(200);
    expect((await phone.fetch(held)).status).toBe(304);

    const steps = await trace(passId);
    const device = phone.deviceLibraryIdentifier.slice(-6);
    expect(steps.map((s) => s.kind)).toEqual(['version_created', 'device_registered', 'version_created', 'apns_push', 'device_fetch', 'device_fetch']);
    expect(steps[1]).toMatchObject({ device });
    expect(steps[2]).toMatchObject({ version: 2, cause: { event_type: 'member.points_changed', event_id: expect.any(String) } });
    expect(steps[3]).toMatchObject({ device, status_code: 200, apns_id: push.response.apnsId, duration_ms: expect.any(Number) });
    expect(steps[4]).toMatchObject({ status: 200, version: 2 });
    expect(steps[5]).toMatchObject({ status: 304, version: 2 });
    for (let i = 1; i < steps.length; i++) expect(Date.parse(steps[i].at)).toBeGreaterThanOrEqual(Date.parse(steps[i - 1].at));
    // Newest first, and ?limit= caps it.
    const limited = await tenant.api.get(`/v1/passes/${passId}/trace?limit=2`);
    expect(limited.body.data.map((s: Step) => s.kind)).toEqual(['device_fetch', 'device_fetch']);
  });

  test('a push rejected with 410 shows as such, then the device unregistered', async () => {
    const { phone, passId } = await phoneWith('TRACE-410');
    apns.respondWith(phone.pushToken, { status: 410, reason: 'Unregistered' });
    expect((await tenant.api.put('/v1/members/TRACE-410/points', { points: 5, operation: 'add' })).status).toBe(200);
    const steps = await waitFor('the unregistration on the trace', async () => {
      const all = await trace(passId);
      return all.some((s) => s.kind === 'device_unregistered') ? all : undefined;
    }, 20_000);
    expect(steps.slice(-2)).toEqual([
      expect.objectContaining({ kind: 'apns_push', status_code: 410, reason: 'Unregistered' }),
      expect.objectContaining({ kind: 'device_unregistered', device: phone.deviceLibraryIdentifier.slice(-6), reason: 'apns_unregistered' }),
    ]);
  });

  test('device log lines that name the serial are on the trace', async () => {
    const { held, passId } = await phoneWith('TRACE-LOG');
    const logged = await fleet.api.post('/apple/v1/log', { logs: [`[2026-01-09] Failed to download pass ${held.serialNumber}: 500`, 'unrelated line'] });
    expect(logged.status).toBe(200);
    expect((await trace(passId)).filter((s) => s.kind === 'device_log')).toEqual([expect.objectContaining({ message: expect.stringContaining(held.serialNumber) })]);
  });

  test("another tenant's pass is a 404", async () => {
    const { passId } = await phoneWith('TRACE-ISO');
    const other = await onboardTenant(fleet, admin, 'Other Coffee');
    expectError(await other.api.get(`/v1/passes/${passId}/trace`), 404);
  });
});
