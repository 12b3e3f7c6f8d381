import { builtInImages } from '@wp/pkpass';
import { TestCa, createTestCa, issuePassCertificate, readZip, verifyPkpass } from '@wp/pkpass/testing';
import { Admin, Fleet, TenantFixture, bootstrapAdmin, onboardTenant, waitFor } from '@wp/testing';
import { createHash, randomBytes } from 'node:crypto';
import { developmentCaPem, getBinary, outboxEvents, passFields, uploadFile } from './pass.helpers';

/**
 * Apple passes end to end: production and development signing, the cached bytes of a version,
 * live styling through a style group, the lifecycle (void, expiry, delete), member deletion,
 * assets, and the validation of styles and groups. Every .pkpass is checked with openssl
 * against the CA that issued its signer.
 */
describe('Apple passes', () => {
  let fleet: Fleet;
  let admin: Admin;
  let devCa: string;

  beforeAll(async () => {
    fleet = await Fleet.start();
    admin = await bootstrapAdmin(fleet);
    devCa = await developmentCaPem(fleet);
  });
  afterAll(async () => {
    await fleet?.stop();
  });

  async function newTenant(): Promise<TenantFixture> {
    return onboardTenant(fleet, admin, `Coffee ${randomBytes(3).toString('hex')}`);
  }

  async function register(tenant: TenantFixture, memberId: string, extra: Record<string, unknown> = {}): Promise<void> {
    const response = await tenant.api.post('/v1/members/register', { member_id: memberId, member_name: 'Jane Roe', ...extra });
    expect(response.status).toBe(201);
  }

  async function createPass(tenant: TenantFixture, body: Record<string, unknown>): Promise<any> {
    const response = await tenant.api.post('/v1/passes/create-from-member', { pass_type: 'apple', company_name: 'Example Coffee', ...body });
    expect(response.status).toBe(201);
    return response.body.data;
  }

  async function download(tenant: TenantFixture, passId: string, caPem: string): Promise<{ bytes: Buffer; passJson: Record<string, any>; files: string[] }> {
    const response = await getBinary(fleet.baseUrl, `/v1/passes/${passId}/download`, { 'x-api-key': tenant.apiKey });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/vnd.apple.pkpass');
    const verified = await verifyPkpass(response.body, { caPem });
    return { bytes: response.body, passJson: verified.passJson as Record<string, any>, files: verified.files };
  }

  async function style(tenant: TenantFixture, body: Record<string, unknown>): Promise<string> {
    const response = await tenant.api.post('/v1/pass-styles', { name: 'Style', ...body });
    expect(response.status).toBe(201);
    return response.body.data.id;
  }

  describe('production signing', () => {
    let ca: TestCa;

    beforeAll(() => {
      ca = createTestCa('Stand-in Apple CA');
    });

    test("a tenant with a Pass Type ID certificate gets passes signed with it, naming its pass type and team", async () => {
      const tenant = await newTenant();
      const certificate = issuePassCertificate(ca, { passTypeIdentifier: 'pass.com.example.coffee', teamIdentifier: 'ABCDE12345' });
      const stored = await tenant.api.put('/v1/tenant/apple', {
        pass_type_identifier: 'pass.com.example.coffee',
        team_identifier: 'ABCDE12345',
        certificate_pem: certificate.certificatePem,
        private_key_pem: certificate.privateKeyPem,
      });
      expect(stored.status).toBe(200);
      await register(tenant, 'M-PROD');

      const pass = await createPass(tenant, { member_id: 'M-PROD' });
      expect(pass.signing).toBe('production');
      const { passJson } = await download(tenant, pass.pass_id, ca.certificatePem);
      expect(passJson).toMatchObject({ passTypeIdentifier: 'pass.com.example.coffee', teamIdentifier: 'ABCDE12345', serialNumber: pass.serial_number });

      // Signed by the tenant, not the platform: the development CA does not vouch for it.
      const again = await getBinary(fleet.baseUrl, `/v1/passes/${pass.pass_id}/download`, { 'x-api-key': tenant.apiKey });
      await expect(verifyPkpass(again.body, { caPem: devCa })).rejects.toThrow(/openssl cms -verify rejected/);
    });
  });

  test('the bytes of a version are signed once and served again until the version changes', async () => {
    const tenant = await newTenant();
    await register(tenant, 'M-CACHE');
    const pass = await createPass(tenant, { member_id: 'M-CACHE' });
    const first = await download(tenant, pass.pass_id, devCa);
    const second = await download(tenant, pass.pass_id, devCa);
    // Same signingTime and zip dates: the cached bytes, not a second signature.
    expect(second.bytes.equals(first.bytes)).toBe(true);

    // They survive a restart of the service (the development signer too).
    await fleet.restart('pass-generation');
    expect((await download(tenant, pass.pass_id, devCa)).bytes.equals(first.bytes)).toBe(true);
    expect(await developmentCaPem(fleet)).toBe(devCa);

    const patched = await tenant.api.patch(`/v1/passes/${pass.pass_id}`, { status: 'blocked' });
    expect(patched.body.data.version).toBe(pass.version + 1);
    const changed = await download(tenant, pass.pass_id, devCa);
    expect(changed.bytes.equals(first.bytes)).toBe(false);
    expect(changed.passJson.voided).toBe(true);
  });

  test('live styling: points that cross a style-group boundary change the next download', async () => {
    const tenant = await newTenant();
    const bronze = await style(tenant, { name: 'Bronze', brand_colors: { background_color: 'rgb(205, 127, 50)', foreground_color: '#000000', label_color: '#333333' } });
    const silver = await style(tenant, { name: 'Silver', brand_colors: { background_color: '#C0C0C0', foreground_color: '#000000', label_color: '#333333' } });
    const group = await tenant.api.post('/v1/style-groups', {
      name: 'Tier Colors',
      rules: [
        { pass_style_id: bronze, min_points: 0, max_points: 100 },
        { pass_style_id: silver, min_points: 101, max_points: 0 },
      ],
    });
    expect(group.status).toBe(201);
    await register(tenant, 'M-LIVE', { style_group_id: group.body.data.id });
    const pass = await createPass(tenant, { member_id: 'M-LIVE' });
    expect(pass.pass_style_id).toBe(bronze);

    const before = await download(tenant, pass.pass_id, devCa);
    expect(before.passJson.backgroundColor).toBe('rgb(205, 127, 50)');
    expect(passFields(before.passJson).find((f) => f.key === 'points')?.value).toBe(0);

    const points = await tenant.api.put('/v1/members/M-LIVE/points', { points: 150, operation: 'set', description: 'Welcome bonus' });
    expect(points.status).toBe(200);

    const after = await waitFor('the pass to show the new points and the silver style', async () => {
      const current = await download(tenant, pass.pass_id, devCa);
      return current.passJson.backgroundColor === 'rgb(192, 192, 192)' ? current : undefined;
    });
    expect(passFields(after.passJson).find((f) => f.key === 'points')).toMatchObject({ value: 150, changeMessage: expect.stringContaining('%@') });
    expect(after.passJson.serialNumber).toBe(before.passJson.serialNumber);
    expect(after.passJson.authenticationToken).toBe(before.passJson.authenticationToken);

    const view = await tenant.api.get(`/v1/passes/${pass.pass_id}`);
    expect(view.body.data).toMatchObject({ pass_style_id: silver, points: 150, version: expect.any(Number) });
    expect(view.body.data.version).toBeGreaterThan(pass.version);

    // Moving the member to another group (member.updated) restyles the pass as well.
    const gold = await style(tenant, { name: 'Gold', brand_colors: { background_color: '#FFD700' } });
    const vip = await tenant.api.post('/v1/style-groups', { name: 'VIP', rules: [{ pass_style_id: gold, min_points: 0, max_points: 0 }] });
    expect((await tenant.api.patch('/v1/members/M-LIVE', { style_group_id: vip.body.data.id })).status).toBe(200);
    await waitFor('the pass to show the VIP group style', async () =>
      (await download(tenant, pass.pass_id, devCa)).passJson.backgroundColor === 'rgb(255, 215, 0)' ? true : undefined,
    );
    expect((await tenant.api.patch('/v1/members/M-LIVE', { style_group_id: group.body.data.id })).status).toBe(200);
    await waitFor('the pass to be back on the tier colours', async () =>
      (await download(tenant, pass.pass_id, devCa)).passJson.backgroundColor === 'rgb(192, 192, 192)' ? true : undefined,
    );

    // A change of the style itself reaches the passes that show it.
    const restyled = await tenant.api.put(`/v1/pass-styles/${silver}`, { name: 'Silver', brand_colors: { background_color: '#AAAAAA' } });
    expect(restyled.status).toBe(200);
    expect((await download(tenant, pass.pass_id, devCa)).passJson.backgroundColor).toBe('rgb(170, 170, 170)');
  });

  test('lifecycle: void, expiry, status filters, delete', async () => {
    const tenant = await newTenant();
    await register(tenant, 'M-LIFE');
    const kept = await createPass(tenant, { member_id: 'M-LIFE' });
    const voided = await createPass(tenant, { member_id: 'M-LIFE' });

    const expired = await tenant.api.patch(`/v1/passes/${kept.pass_id}`, { status: 'expired' });
    expect(expired.status).toBe(200);
    expect(expired.body.data).toMatchObject({ status: 'expired', version: 2, expiration_date: expect.any(String) });
    const expiredJson = (await download(tenant, kept.pass_id, devCa)).passJson;
    expect(Date.parse(expiredJson.expirationDate)).toBeGreaterThan(0);
    expect(expiredJson.voided).toBeUndefined();

    const reactivated = await tenant.api.patch(`/v1/passes/${kept.pass_id}`, { status: 'active' });
    expect(reactivated.body.data).toMatchObject({ status: 'active', version: 3, expiration_date: null });
    expect((await download(tenant, kept.pass_id, devCa)).passJson).not.toHaveProperty('expirationDate');

    const dated = await tenant.api.patch(`/v1/passes/${kept.pass_id}`, { expiration_date: '2030-01-31T12:00:00Z' });
    expect(dated.body.data).toMatchObject({ status: 'active', version: 4, expiration_date: '2030-01-31T12:00:00.000Z' });
    expect((await download(tenant, kept.pass_id, devCa)).passJson.expirationDate).toBe('2030-01-31T12:00:00Z');

    const result = await tenant.api.post(`/v1/passes/${voided.pass_id}/void`);
    expect(result.status).toBe(200);
    expect(result.body.data).toMatchObject({ status: 'voided', version: 2 });
    expect((await download(tenant, voided.pass_id, devCa)).passJson.voided).toBe(true);
    const reactivate = await tenant.api.patch(`/v1/passes/${voided.pass_id}`, { status: 'active' });
    expect(reactivate.status).toBe(409);

    const bad = await tenant.api.patch(`/v1/passes/${kept.pass_id}`, { status: 'voided' });
    expect(bad.status).toBe(400);
    const empty = await tenant.api.patch(`/v1/passes/${kept.pass_id}`, {});
    expect(empty.status).toBe(400);

    const onlyVoided = await tenant.api.get('/v1/passes?status=voided');
    expect(onlyVoided.body.data.map((p: { pass_id: string }) => p.pass_id)).toEqual([voided.pass_id]);
    const byMember = await tenant.api.get('/v1/passes?member_id=M-LIFE&pass_type=apple&limit=1');
    expect(byMember.body.data).toHaveLength(1);
    const next = await tenant.api.get(`/v1/passes?member_id=M-LIFE&pass_type=apple&limit=1&cursor=${encodeURIComponent(byMember.body.pagination.next_cursor)}`);
    expect([...byMember.body.data, ...next.body.data].map((p: { pass_id: string }) => p.pass_id).sort()).toEqual([kept.pass_id, voided.pass_id].sort());
    expect(next.body.pagination.next_cursor).toBeNull();

    const deleted = await tenant.api.delete(`/v1/passes/${kept.pass_id}`);
    expect(deleted.status).toBe(200);
    expect(deleted.body.data).toEqual({ id: kept.pass_id, deleted_at: expect.any(String) });
    expect((await tenant.api.get(`/v1/passes/${kept.pass_id}`)).status).toBe(404);
    expect((await getBinary(fleet.baseUrl, `/v1/passes/${kept.pass_id}/download`, { 'x-api-key': tenant.apiKey })).status).toBe(404);
    expect((await tenant.api.get('/v1/passes')).body.data.map((p: { pass_id: string }) => p.pass_id)).toEqual([voided.pass_id]);

    // Every change left its event in the outbox, in the transaction that made it.
    expect((await outboxEvents(fleet, kept.pass_id)).map((e) => [e.type, e.data.status ?? null, e.data.cause ?? e.data.reason ?? null])).toEqual([
      ['pass.created', null, null],
      ['pass.updated', 'expired', 'status'],
      ['pass.updated', 'active', 'status'],
      ['pass.updated', 'active', 'status'],
      ['pass.updated', 'voided', 'status'],
      ['pass.voided', null, 'requested'],
    ]);
    expect((await outboxEvents(fleet, voided.pass_id)).map((e) => e.type)).toEqual(['pass.created', 'pass.updated', 'pass.voided']);
    expect((await outboxEvents(fleet, voided.pass_id))[0].data).toEqual({
      pass_id: voided.pass_id,
      pass_type: 'apple',
      member_id: 'M-LIFE',
      serial_number: voided.serial_number,
      channel: 'api',
    });
  });

  test("a deleted member's passes are voided and no longer carry the name", async () => {
    const tenant = await newTenant();
    await register(tenant, 'M-GONE');
    const pass = await createPass(tenant, { member_id: 'M-GONE' });
    expect((await tenant.api.delete('/v1/members/M-GONE')).status).toBe(200);
    const voided = await waitFor('the pass to be voided', async () => {
      const current = await download(tenant, pass.pass_id, devCa);
      return current.passJson.voided === true ? current : undefined;
    });
    expect(JSON.stringify(voided.passJson)).not.toContain('Jane Roe');
    expect((await tenant.api.get(`/v1/passes/${pass.pass_id}`)).body.data.status).toBe('voided');
  });

  test('assets: PNGs only (judged by their bytes), at most 5 MiB, and the uploaded logo goes into the pass', async () => {
    const tenant = await newTenant();
    const png = builtInImages()['strip@2x.png'];
    const uploaded = await uploadFile(fleet.baseUrl, tenant.apiKey, 'brand-logo.png', png);
    expect(uploaded.status).toBe(201);
    expect(uploaded.body.data).toEqual({
      id: expect.any(String),
      filename: 'brand-logo.png',
      content_type: 'image/png',
      size: png.length,
      width: 750,
      height: 246,
      sha256: createHash('sha256').update(png).digest('hex'),
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    const listed = await tenant.api.get('/v1/assets');
    expect(listed.body.data.map((a: { filename: string }) => a.filename)).toEqual(['brand-logo.png']);

    const jpeg = await uploadFile(fleet.baseUrl, tenant.apiKey, 'photo.png', Buffer.from([0xff, 0xd8, 0xff, 0xe0, ...randomBytes(64)]));
    expect(jpeg.status).toBe(415);
    const tooBig = await uploadFile(fleet.baseUrl, tenant.apiKey, 'huge.png', Buffer.concat([png, Buffer.alloc(5 * 1024 * 1024)]));
    expect(tooBig.status).toBe(413);
    const notMultipart = await tenant.api.post('/v1/assets', { file: 'x' });
    expect(notMultipart.status).toBe(415);

    const styleId = await style(tenant, { name: 'Branded', is_default: true, assets: { apple: { logo: 'brand-logo.png' } } });
    expect((await tenant.api.get(`/v1/pass-styles/${styleId}`)).body.data.warnings).toEqual([]);
    await register(tenant, 'M-ASSET');
    const pass = await createPass(tenant, { member_id: 'M-ASSET' });
    const files = readZip((await download(tenant, pass.pass_id, devCa)).bytes);
    expect(files['logo.png'].equals(png)).toBe(true);
    // The built-in images fill the roles the style leaves empty.
    expect(files['icon.png'].equals(builtInImages()['icon.png'])).toBe(true);
  });

  test('validation: overlapping rules, unknown placeholders, bad colours and duplicate field keys are 400s', async () => {
    const tenant = await newTenant();
    const a = await style(tenant, { name: 'A' });
    const overlap = await tenant.api.post('/v1/style-groups', {
      name: 'Overlap',
      rules: [
        { pass_style_id: a, min_points: 0, max_points: 100 },
        { pass_style_id: a, min_points: 100, max_points: 0 },
      ],
    });
    expect(overlap.status).toBe(400);
    expect(overlap.body.errors).toEqual([{ field: 'rules[1]', message: expect.stringContaining('overlaps rules[0]') }]);
    const unbounded = await tenant.api.post('/v1/style-groups', {
      name: 'Two unbounded',
      rules: [
        { pass_style_id: a, min_points: 0, max_points: 0 },
        { pass_style_id: a, min_points: 500, max_points: 0 },
      ],
    });
    expect(unbounded.status).toBe(400);

    const placeholder = await tenant.api.post('/v1/pass-styles', { name: 'Typo', primary_fields: [{ key: 'p', label: 'Points', value: '{point}' }] });
    expect(placeholder.status).toBe(400);
    expect(placeholder.body.errors).toEqual([{ field: 'primary_fields[0].value', message: expect.stringContaining('{point}') }]);
    const colour = await tenant.api.post('/v1/pass-styles', { name: 'Colour', brand_colors: { background_color: 'rgb(300, 0, 0)' } });
    expect(colour.status).toBe(400);
    expect(colour.body.errors[0].field).toBe('brand_colors.background_color');
    const keys = await tenant.api.post('/v1/pass-styles', {
      name: 'Keys',
      primary_fields: [{ key: 'a', value: '1' }],
      back_fields: [{ key: 'a', value: '2' }],
    });
    expect(keys.status).toBe(400);
    expect(keys.body.errors[0].field).toBe('back_fields[0].key');
    const barcode = await tenant.api.post('/v1/pass-styles', { name: 'Barcode', barcode: { format: 'PKBarcodeFormatEAN13' } });
    expect(barcode.status).toBe(400);

    // A style a group uses cannot go; once the group is gone, it can.
    const group = await tenant.api.post('/v1/style-groups', { name: 'G', rules: [{ pass_style_id: a, min_points: 0, max_points: 0 }] });
    expect((await tenant.api.delete(`/v1/pass-styles/${a}`)).status).toBe(409);
    expect((await tenant.api.delete(`/v1/style-groups/${group.body.data.id}`)).status).toBe(200);
    expect((await tenant.api.delete(`/v1/pass-styles/${a}`)).status).toBe(200);
  });

  test('one default style per tenant: setting it moves the flag', async () => {
    const tenant = await newTenant();
    const first = await style(tenant, { name: 'First', is_default: true });
    const second = await style(tenant, { name: 'Second', is_default: true });
    const list = await tenant.api.get('/v1/pass-styles');
    const defaults = list.body.data.filter((s: { is_default: boolean }) => s.is_default).map((s: { id: string }) => s.id);
    expect(defaults).toEqual([second]);
    expect(first).not.toBe(second);
  });
});
