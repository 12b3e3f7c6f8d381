import { zipFiles, buildTestZip } from '@wp/pass-doctor/testing';
import { createTestCa, issuePassCertificate, readZip } from '@wp/pkpass/testing';
import { Admin, Fleet, TenantFixture, bootstrapAdmin, onboardTenant } from '@wp/testing';
import { randomBytes } from 'node:crypto';
import { FLEET_BOOT_TIMEOUT_MS, expectError } from '../foundation/foundation.helpers';
import { getBinary } from '../pass/pass.helpers';

const PKPASS = { 'content-type': 'application/vnd.apple.pkpass' };

/**
 * POST /v1/doctor/pkpass through the gateway (spec/API.md §8.3): a pass this platform signed
 * with a tenant's uploaded certificate has no error but the test CA standing in for Apple's
 * WWDR G4, and hostile bodies get a problem code or a 4xx, never a 5xx.
 */
describe('the pass doctor over HTTP', () => {
  let fleet: Fleet;
  let admin: Admin;
  let tenant: TenantFixture;
  let passBytes: Buffer;

  beforeAll(async () => {
    fleet = await Fleet.start();
    admin = await bootstrapAdmin(fleet);
    tenant = await onboardTenant(fleet, admin, `Doctor ${randomBytes(3).toString('hex')}`);
    const ca = createTestCa('Stand-in Apple CA');
    const certificate = issuePassCertificate(ca, { passTypeIdentifier: 'pass.com.example.doctor', teamIdentifier: 'DOCTOR0001' });
    const stored = await tenant.api.put('/v1/tenant/apple', {
      pass_type_identifier: 'pass.com.example.doctor',
      team_identifier: 'DOCTOR0001',
      // The chain travels after the leaf, as Apple's own intermediate would.
      certificate_pem: `${certificate.certificatePem}${ca.certificatePem}`,
      private_key_pem: certificate.privateKeyPem,
    });
    expect(stored.status).toBe(200);
    expect((await tenant.api.post('/v1/members/register', { member_id: 'M-DOC', member_name: 'Jane Roe' })).status).toBe(201);
    const pass = await tenant.api.post('/v1/passes/create-from-member', { member_id: 'M-DOC', pass_type: 'apple', company_name: 'Doctor Coffee' });
    expect(pass.status).toBe(201);
    const download = await getBinary(fleet.baseUrl, `/v1/passes/${pass.body.data.pass_id}/download`, { 'x-api-key': tenant.apiKey });
    expect(download.status).toBe(200);
    passBytes = download.body;
  }, FLEET_BOOT_TIMEOUT_MS);

  afterAll(async () => {
    await fleet?.stop();
  });

  function diagnose(body: Buffer, headers: Record<string, string> = PKPASS) {
    return tenant.api.request('POST', '/v1/doctor/pkpass', { rawBody: body, headers });
  }

  test("a pass signed with the tenant's certificate: no error except the test CA standing in for WWDR G4", async () => {
    const response = await diagnose(passBytes);
    expect(response.status).toBe(200);
    expect(response.body.status).toBe('success');
    const { ok, problems, summary } = response.body.data;
    expect(ok).toBe(false);
    expect(problems.filter((p: { severity: string }) => p.severity === 'error').map((p: { code: string }) => p.code)).toEqual(['wwdr_intermediate_not_g4']);
    expect(problems[problems.findIndex((p: { code: string }) => p.code === 'wwdr_intermediate_not_g4')].message).toContain('Stand-in Apple CA');
    expect(summary).toMatchObject({
      pass_type_identifier: 'pass.com.example.doctor',
      team_identifier: 'DOCTOR0001',
      files: expect.arrayContaining(['pass.json', 'icon.png', 'manifest.json', 'signature']),
      signer: { subject: expect.stringContaining('UID=pass.com.example.doctor'), issuer: expect.stringContaining('Stand-in Apple CA') },
    });
    // application/octet-stream is accepted too.
    expect((await diagnose(passBytes, { 'content-type': 'application/octet-stream' })).body.data.problems).toEqual(problems);
  });

  test('a file edited after signing is named', async () => {
    const files = readZip(passBytes);
    files['pass.json'] = Buffer.from(files['pass.json'].toString().replace('Doctor Coffee', 'Doctor Tea'));
    const response = await diagnose(zipFiles(files));
    expect(response.status).toBe(200);
    expect(response.body.data.problems).toContainEqual(expect.objectContaining({ code: 'manifest_hash_mismatch', severity: 'error', file: 'pass.json' }));
  });

  test('GET /v1/doctor/tenant checks the stored credentials and never echoes a secret', async () => {
    const response = await tenant.api.get('/v1/doctor/tenant');
    expect(response.status).toBe(200);
    const statuses = Object.fromEntries(response.body.data.checks.map((c: { code: string; status: string }) => [c.code, c.status]));
    expect(statuses).toEqual({
      apple_certificate_present: 'ok',
      apple_certificate_not_expired: 'ok',
      apple_private_key_matches: 'ok',
      apple_pass_type_id_matches: 'ok',
      apple_team_id_matches: 'ok',
      apple_issuer_wwdr_g4: 'error',
      google_service_account_parses: 'warning',
    });
    expect(response.body.data.ok).toBe(false);
    expect(response.text).not.toMatch(/PRIVATE KEY|BEGIN CERTIFICATE/);
    expect((await tenant.api.get('/v1/tenant')).body.data.wallets.apple.not_after).toEqual(expect.stringMatching(/^\d{4}-\d\d-\d\dT/));
  });

  describe('hostile bodies', () => {
    test.each([
      ['a zip bomb', () => buildTestZip([{ name: 'pass.json', data: Buffer.alloc(80 * 1024 * 1024), deflate: true }]), 'archive_too_large'],
      ['../ names', () => zipFiles({ '../../etc/passwd': Buffer.from('root'), 'pass.json': Buffer.from('{}') }), 'unsafe_file_name'],
      ['a JPEG', () => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]), Buffer.from('JFIF\0'), randomBytes(4096)]), 'not_a_zip'],
      ['a truncated archive', () => passBytes.subarray(0, Math.floor(passBytes.length / 2)), 'not_a_zip'],
    ])('%s is a problem code, not a 5xx', async (_what, body, code) => {
      const response = await diagnose(body());
      expect(response.status).toBe(200);
      expect(response.body.data.ok).toBe(false);
      expect(response.body.data.problems.map((p: { code: string }) => p.code)).toContain(code);
    });

    test('a 0-byte body is a 400', async () => {
      expectError(await diagnose(Buffer.alloc(0)), 400);
    });

    test('JSON is a 415, and over 10 MiB is a 413', async () => {
      expectError(await tenant.api.post('/v1/doctor/pkpass', { pass: 'json' }), 415);
      expectError(await diagnose(randomBytes(10 * 1024 * 1024 + 1)), 413);
    });

    test('raw bytes on any other route are still a 415', async () => {
      expectError(await tenant.api.request('POST', '/v1/members/register', { rawBody: passBytes, headers: PKPASS }), 415);
    });

    test('without credentials it is a 401', async () => {
      expectError(await fleet.api.request('POST', '/v1/doctor/pkpass', { rawBody: passBytes, headers: PKPASS }), 401);
    });
  });
});
