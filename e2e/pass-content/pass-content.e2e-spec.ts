import { FakeApnsServer } from '@wp/apns/testing';
import { FakeGoogleWalletServer, TestServiceAccount, createTestServiceAccount } from '@wp/google-wallet/testing';
import { TestCa, createTestCa, issuePassCertificate, readZip } from '@wp/pkpass/testing';
import { Admin, Fleet, TenantFixture, bootstrapAdmin, onboardTenant, waitFor } from '@wp/testing';
import { FakeIPhone } from '../live-updates/fake-iphone';
import { download, fieldErrors, openPass, p256PublicKey, sha1 } from './pass-content.helpers';

const PASS_TYPE = 'pass.com.example.content';
const TEAM = 'CONTENT123';
const ISSUER_ID = '3388000000077777777';
const BEACON = 'E2C56DB5-DFFB-48D2-B060-D0F5A71096E0';

/**
 * Pass content (spec/API.md §8.5) end to end: relevance, translations and NFC from the API
 * into signed passes (every bundle checked with `openssl cms -verify`, its manifest against
 * every file), the validation that names each bad field and saves nothing, NFC behind the
 * tenant's flag, .pkpasses bundles, live updates of content, and the Google mapping.
 */
describe('pass content', () => {
  let apns: FakeApnsServer;
  let google: FakeGoogleWalletServer;
  let account: TestServiceAccount;
  let fleet: Fleet;
  let admin: Admin;
  let ca: TestCa;

  beforeAll(async () => {
    apns = await FakeApnsServer.start();
    account = createTestServiceAccount();
    google = new FakeGoogleWalletServer();
    google.registerServiceAccount(account, { issuerIds: [ISSUER_ID] });
    const { url } = await google.start();
    fleet = await Fleet.start({ env: { APNS_URL: apns.url, GOOGLE_WALLET_API_URL: url } });
    admin = await bootstrapAdmin(fleet);
    ca = createTestCa('Stand-in Apple CA');
  });
  afterAll(async () => {
    await fleet?.stop();
    await apns?.stop();
    await google?.stop();
  });

  /** A tenant signing with its own Pass Type ID certificate (so devices get pushes) and, on request, Google credentials. */
  async function newTenant(options: { google?: boolean } = {}): Promise<TenantFixture> {
    const tenant = await onboardTenant(fleet, admin);
    const certificate = issuePassCertificate(ca, { passTypeIdentifier: PASS_TYPE, teamIdentifier: TEAM });
    const apple = await tenant.api.put('/v1/tenant/apple', {
      pass_type_identifier: PASS_TYPE,
      team_identifier: TEAM,
      certificate_pem: certificate.certificatePem,
      private_key_pem: certificate.privateKeyPem,
    });
    expect(apple.status).toBe(200);
    if (options.google) {
      expect((await tenant.api.put('/v1/tenant/google', { issuer_id: ISSUER_ID, service_account_json: account.json })).status).toBe(200);
    }
    return tenant;
  }

  async function member(tenant: TenantFixture, memberId: string, name = 'Ada Lovelace'): Promise<void> {
    expect((await tenant.api.post('/v1/members/register', { member_id: memberId, member_name: name })).status).toBe(201);
  }

  async function createStyle(tenant: TenantFixture, body: Record<string, unknown>): Promise<any> {
    const response = await tenant.api.post('/v1/pass-styles', { name: 'Content', ...body });
    expect({ status: response.status, body: response.body }).toEqual({ status: 201, body: expect.anything() });
    return response.body.data;
  }

  async function createPass(tenant: TenantFixture, body: Record<string, unknown>): Promise<any> {
    const response = await tenant.api.post('/v1/passes/create-from-member', { pass_type: 'apple', company_name: 'Content Cafe', ...body });
    expect({ status: response.status, body: response.body }).toEqual({ status: 201, body: expect.anything() });
    return response.body.data;
  }

  const styleBody = {
    locations: [
      { latitude: 48.8584, longitude: 2.2945, altitude: 35, relevant_text: 'Hi {member_name}, your card for Rue Cler' },
      { latitude: -33.8568, longitude: 151.2153 },
    ],
    max_distance: 150,
    relevant_date: '2026-05-01T20:00:00+02:00',
    beacons: [{ proximity_uuid: BEACON.toLowerCase(), major: 1, minor: 65535, relevant_text: 'Welcome in!' }],
    localizations: {
      de: { Points: 'Punkte', Tier: 'Stufe', 'Welcome in!': 'Willkommen!', 'Hi {member_name}, your card for Rue Cler': 'Hallo {member_name}, Ihre Karte für Rue Cler' },
      'ZH-hans': { Points: '积分' },
    },
    secondary_fields: [{ key: 'greeting', label: 'Points', value: '{points}' }],
    back_fields: [{ key: 'hours', label: 'Opening hours', value: 'Open "every" day\nfrom 7\\8' }],
  };

  test("every field of a style reaches the signed pass.json with Apple's names, and each language its own pass.strings in the manifest", async () => {
    const tenant = await newTenant();
    const style = await createStyle(tenant, { ...styleBody, localizations: { ...styleBody.localizations, de: { ...styleBody.localizations.de, 'Open "every" day\nfrom 7\\8': 'Täglich "offen"\nab 7\\8' } } });
    expect(style).toMatchObject({
      locations: styleBody.locations,
      max_distance: 150,
      relevant_date: '2026-05-01T20:00:00+02:00',
      beacons: [{ proximity_uuid: BEACON, major: 1, minor: 65535, relevant_text: 'Welcome in!' }],
      nfc: null,
    });
    // Language tags come back canonical.
    expect(Object.keys(style.localizations).sort()).toEqual(['de', 'zh-Hans']);
    expect((await tenant.api.get(`/v1/pass-styles/${style.id}`)).body.data.localizations['zh-Hans']).toEqual({ Points: '积分' });

    await member(tenant, 'C-1');
    const pass = await createPass(tenant, { member_id: 'C-1', pass_style_id: style.id });
    expect(pass.content).toEqual({});
    const pkpass = await download(tenant, pass.pass_id);
    const opened = await openPass(pkpass, ca.certificatePem);
    expect(opened.passJson).toMatchObject({
      locations: [
        { latitude: 48.8584, longitude: 2.2945, altitude: 35, relevantText: 'Hi Ada Lovelace, your card for Rue Cler' },
        { latitude: -33.8568, longitude: 151.2153 },
      ],
      maxDistance: 150,
      relevantDate: '2026-05-01T18:00:00Z',
      beacons: [{ proximityUUID: BEACON, major: 1, minor: 65535, relevantText: 'Welcome in!' }],
    });
    expect(opened.passJson).not.toHaveProperty('nfc');

    // One pass.strings per language, UTF-16 with a BOM, hashed in the manifest, parseable,
    // with placeholders filled in on both sides exactly as pass.json shows the text.
    for (const file of ['de.lproj/pass.strings', 'zh-Hans.lproj/pass.strings']) {
      expect([...opened.files[file].subarray(0, 2)]).toEqual([0xff, 0xfe]);
      expect(opened.manifest[file]).toBe(sha1(opened.files[file]));
    }
    expect(opened.strings.de).toEqual({
      Points: 'Punkte',
      Tier: 'Stufe',
      'Welcome in!': 'Willkommen!',
      'Hi Ada Lovelace, your card for Rue Cler': 'Hallo Ada Lovelace, Ihre Karte für Rue Cler',
      'Open "every" day\nfrom 7\\8': 'Täglich "offen"\nab 7\\8',
    });
    expect(opened.strings['zh-Hans']).toEqual({ Points: '积分' });
    // What the device translates: labels and values in pass.json that are keys of the file.
    const shown = Object.values(opened.passJson.storeCard as Record<string, Array<{ label?: string; value: unknown }>>).flat();
    expect(shown.map((field) => field.label)).toEqual(expect.arrayContaining(['Points', 'Tier']));
    expect(shown.map((field) => field.value)).toContain('Open "every" day\nfrom 7\\8');

    // The pass doctor finds nothing wrong with the content: its one error is the chain (the
    // stand-in CA issued the certificate directly, where Apple's chain has the WWDR intermediate).
    const diagnosis = await tenant.api.request('POST', '/v1/doctor/pkpass', { rawBody: pkpass, headers: { 'content-type': 'application/vnd.apple.pkpass' } });
    expect(diagnosis.status).toBe(200);
    const problems = diagnosis.body.data.problems as Array<{ code: string; severity: string }>;
    expect(problems.filter((p) => p.severity === 'error').map((p) => p.code)).toEqual(['wwdr_intermediate_missing']);
    // (The only warning: webServiceURL is plain http on the test fleet's loopback host.)
    expect(problems.filter((p) => p.severity === 'warning').map((p) => p.code)).toEqual(['web_service_url_not_https']);
    expect(diagnosis.body.data.summary.files).toEqual(expect.arrayContaining(['de.lproj/pass.strings', 'zh-Hans.lproj/pass.strings']));
  });

  test("create-from-member overrides the style's values for its pass and merges its translations", async () => {
    const tenant = await newTenant();
    const style = await createStyle(tenant, styleBody);
    await member(tenant, 'C-2', 'Grace Hopper');
    const pass = await createPass(tenant, {
      member_id: 'C-2',
      pass_style_id: style.id,
      locations: [{ latitude: 51.5007, longitude: -0.1246, relevant_text: 'Westminster store' }],
      max_distance: 75,
      relevant_date: '2026-12-24T18:00:00Z',
      beacons: [],
      localizations: { de: { Tier: 'Rang' }, fr: { Points: 'Points de fidélité' } },
    });
    expect(pass.content).toEqual({
      locations: [{ latitude: 51.5007, longitude: -0.1246, relevant_text: 'Westminster store' }],
      max_distance: 75,
      relevant_date: '2026-12-24T18:00:00Z',
      beacons: [],
      localizations: { de: { Tier: 'Rang' }, fr: { Points: 'Points de fidélité' } },
    });
    expect((await tenant.api.get(`/v1/passes/${pass.pass_id}`)).body.data.content).toEqual(pass.content);
    const opened = await openPass(await download(tenant, pass.pass_id), ca.certificatePem);
    expect(opened.passJson).toMatchObject({
      locations: [{ latitude: 51.5007, longitude: -0.1246, relevantText: 'Westminster store' }],
      maxDistance: 75,
      relevantDate: '2026-12-24T18:00:00Z',
    });
    expect(opened.passJson).not.toHaveProperty('beacons');
    expect(opened.strings.de).toMatchObject({ Points: 'Punkte', Tier: 'Rang' });
    expect(opened.strings.fr).toEqual({ Points: 'Points de fidélité' });
    expect(Object.keys(opened.strings).sort()).toEqual(['de', 'fr', 'zh-Hans']);
  });

  test('bad values are a 400 naming each field, and nothing is saved', async () => {
    const tenant = await newTenant();
    await member(tenant, 'C-BAD');
    const stylesBefore = (await tenant.api.get('/v1/pass-styles')).body.data.length;
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ locations: [{ latitude: 91, longitude: 0 }] }, 'locations.0.latitude', /-90 to 90/],
      [{ locations: [{ latitude: 0, longitude: -180.5 }] }, 'locations.0.longitude', /-180 to 180/],
      [{ locations: Array.from({ length: 11 }, () => ({ latitude: 0, longitude: 0 })) }, 'locations', /at most 10/],
      [{ locations: [{ latitude: 0, longitude: 0, relevant_text: 'x'.repeat(201) }] }, 'locations.0.relevant_text', /200/],
      [{ max_distance: 0 }, 'max_distance', /above 0/],
      [{ relevant_date: '2026-05-01' }, 'relevant_date', /time zone/],
      [{ relevant_date: '2026-13-01T10:00:00Z' }, 'relevant_date', /ISO 8601/],
      [{ beacons: [{ proximity_uuid: 'not-a-uuid' }] }, 'beacons.0.proximity_uuid', /UUID/],
      [{ beacons: [{ proximity_uuid: BEACON, major: 65536 }] }, 'beacons.0.major', /0 to 65535/],
      [{ beacons: [{ proximity_uuid: BEACON, minor: -1 }] }, 'beacons.0.minor', /0 to 65535/],
      [{ beacons: Array.from({ length: 11 }, () => ({ proximity_uuid: BEACON })) }, 'beacons', /at most 10/],
      [{ localizations: { en_GB: { Points: 'Points' } } }, 'localizations.en_GB', /BCP 47.*en-GB/],
      [{ localizations: { klingon: { Points: 'x' } } }, 'localizations.klingon', /BCP 47/],
      [{ localizations: { de: { Points: 7 } } }, 'localizations.de["Points"]', /translation/],
      [{ localizations: { de: { 'Hi {name}': 'Hallo' } } }, 'localizations.de["Hi {name}"]', /unknown placeholder/],
      [{ localizations: ['de'] }, 'localizations', /object/],
      [{ nfc: { message: 'x'.repeat(65), encryption_public_key: p256PublicKey() } }, 'nfc.message', /64 bytes/],
      [{ nfc: { message: 'hi', encryption_public_key: Buffer.from('not a key').toString('base64') } }, 'nfc.encryption_public_key', /P-256/],
    ];
    for (const [content, field, message] of cases) {
      const styleErrors = fieldErrors(await tenant.api.post('/v1/pass-styles', { name: 'Bad', ...content }));
      expect({ field, message: styleErrors[field] }).toEqual({ field, message: expect.stringMatching(message) });
      const passErrors = fieldErrors(await tenant.api.post('/v1/passes/create-from-member', { member_id: 'C-BAD', pass_type: 'apple', company_name: 'Cafe', ...content }));
      expect({ field, message: passErrors[field] }).toEqual({ field, message: expect.stringMatching(message) });
    }
    // A PUT refused leaves the style as it was.
    const style = await createStyle(tenant, { locations: [{ latitude: 1, longitude: 2 }] });
    fieldErrors(await tenant.api.put(`/v1/pass-styles/${style.id}`, { name: 'Content', locations: [{ latitude: 1, longitude: 200 }] }));
    expect((await tenant.api.get(`/v1/pass-styles/${style.id}`)).body.data.locations).toEqual([{ latitude: 1, longitude: 2 }]);
    expect((await tenant.api.get('/v1/pass-styles')).body.data).toHaveLength(stylesBefore + 1);
    expect((await tenant.api.get('/v1/passes?member_id=C-BAD')).body.data).toEqual([]);
  });

  test("NFC is refused with a 422 until an admin sets the tenant's nfc_enabled, then reaches pass.json", async () => {
    const tenant = await newTenant();
    await member(tenant, 'C-NFC', 'Alan Turing');
    const key = p256PublicKey();
    const nfc = { message: 'VAS:{member_id}', encryption_public_key: key };
    expect((await tenant.api.get('/v1/tenant')).body.data.nfc_enabled).toBe(false);

    const refusedStyle = await tenant.api.post('/v1/pass-styles', { name: 'NFC', nfc });
    expect(refusedStyle.status).toBe(422);
    expect(refusedStyle.body.message).toMatch(/NFC entitlement.*certificate/);
    expect(refusedStyle.body.errors).toEqual([{ field: 'nfc', message: expect.any(String) }]);
    const refusedPass = await tenant.api.post('/v1/passes/create-from-member', { member_id: 'C-NFC', pass_type: 'apple', company_name: 'Cafe', nfc });
    expect(refusedPass.status).toBe(422);
    expect((await tenant.api.get('/v1/pass-styles')).body.data).toEqual([]);
    expect((await tenant.api.get('/v1/passes?member_id=C-NFC')).body.data).toEqual([]);

    // Only an admin sets it; a tenant cannot grant itself NFC.
    expect((await tenant.api.patch(`/v1/tenants/${tenant.tenantId}`, { nfc_enabled: true })).status).toBe(403);
    expect(fieldErrors(await admin.api.patch(`/v1/tenants/${tenant.tenantId}`, {}))).toEqual({ status: 'send status, nfc_enabled or both' });
    expect(fieldErrors(await admin.api.patch(`/v1/tenants/${tenant.tenantId}`, { nfc_enabled: 'yes' }))).toEqual({ nfc_enabled: 'must be true or false' });
    const enabled = await admin.api.patch(`/v1/tenants/${tenant.tenantId}`, { nfc_enabled: true });
    expect(enabled.status).toBe(200);
    expect(enabled.body.data).toMatchObject({ nfc_enabled: true, status: 'active' });
    expect((await tenant.api.get('/v1/tenant')).body.data.nfc_enabled).toBe(true);

    const style = await createStyle(tenant, { nfc });
    expect(style.nfc).toEqual(nfc);
    const fromStyle = await createPass(tenant, { member_id: 'C-NFC', pass_style_id: style.id });
    expect((await openPass(await download(tenant, fromStyle.pass_id), ca.certificatePem)).passJson.nfc).toEqual({ message: 'VAS:C-NFC', encryptionPublicKey: key });
    const otherKey = p256PublicKey();
    const own = await createPass(tenant, { member_id: 'C-NFC', nfc: { message: 'own', encryption_public_key: otherKey } });
    expect((await openPass(await download(tenant, own.pass_id), ca.certificatePem)).passJson.nfc).toEqual({ message: 'own', encryptionPublicKey: otherKey });
  });

  test('a bundle of 3 passes is a .pkpasses of 3 valid passes; foreign, unknown and Google ids are named', async () => {
    const tenant = await newTenant({ google: true });
    const style = await createStyle(tenant, { localizations: { de: { Points: 'Punkte' } } });
    const ids: string[] = [];
    for (const memberId of ['B-1', 'B-2', 'B-3']) {
      await member(tenant, memberId);
      ids.push((await createPass(tenant, { member_id: memberId, pass_style_id: style.id })).pass_id);
    }
    const bundle = await tenant.api.post('/v1/passes/bundle', { pass_ids: ids });
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toBe('application/vnd.apple.pkpasses');
    expect(bundle.headers.get('content-disposition')).toBe('attachment; filename="passes.pkpasses"');
    const entries = readZip(bundle.bytes);
    expect(Object.keys(entries)).toEqual(ids.map((id) => `pass-${id}.pkpass`));
    for (const [i, id] of ids.entries()) {
      const opened = await openPass(entries[`pass-${id}.pkpass`], ca.certificatePem);
      expect(opened.passJson.serialNumber).toBe(id);
      expect(opened.passJson.storeCard).toBeDefined();
      expect(opened.strings.de).toEqual({ Points: 'Punkte' });
      // The same signed bytes as the pass's own download.
      expect(entries[`pass-${id}.pkpass`].equals(await download(tenant, ids[i]))).toBe(true);
    }

    const stranger = await newTenant();
    await member(stranger, 'S-1');
    const foreign = (await createPass(stranger, { member_id: 'S-1' })).pass_id;
    const unknown = '00000000-0000-4000-8000-000000000000';
    const notFound = await tenant.api.post('/v1/passes/bundle', { pass_ids: [ids[0], foreign, unknown] });
    expect(notFound.status).toBe(404);
    expect(notFound.body.message).toContain(foreign);
    expect(notFound.body.message).toContain(unknown);
    expect(notFound.body.errors.map((e: { field: string }) => e.field)).toEqual(['pass_ids.1', 'pass_ids.2']);

    await member(tenant, 'B-G');
    const googlePass = await tenant.api.post('/v1/passes/create-from-member', { member_id: 'B-G', pass_type: 'google', company_name: 'Content Cafe' });
    expect(googlePass.status).toBe(201);
    const refused = await tenant.api.post('/v1/passes/bundle', { pass_ids: [ids[0], googlePass.body.data.pass_id] });
    expect(fieldErrors(refused)).toEqual({ 'pass_ids.1': expect.stringContaining('Google pass') });
    expect(refused.body.message).toContain(googlePass.body.data.pass_id);

    expect(fieldErrors(await tenant.api.post('/v1/passes/bundle', { pass_ids: [] }))).toEqual({ pass_ids: expect.stringContaining('at least one') });
    expect(fieldErrors(await tenant.api.post('/v1/passes/bundle', { pass_ids: Array.from({ length: 11 }, () => ids[0]) }))).toHaveProperty('pass_ids');
    expect(fieldErrors(await tenant.api.post('/v1/passes/bundle', { pass_ids: [ids[0], ids[0].toUpperCase()] }))).toEqual({ pass_ids: 'must name each pass once' });
    expect(fieldErrors(await tenant.api.post('/v1/passes/bundle', { pass_ids: ['nope'] }))).toEqual({ pass_ids: 'each entry must be a pass id (uuid)' });
  });

  test('a style change to locations, dates or translations makes a new version that is pushed and fetched', async () => {
    const tenant = await newTenant();
    const style = await createStyle(tenant, styleBody);
    await member(tenant, 'C-LIVE');
    const pass = await createPass(tenant, { member_id: 'C-LIVE', pass_style_id: style.id });
    const first = await tenant.api.get(`/v1/passes/${pass.pass_id}/download`);
    const phone = new FakeIPhone();
    const held = phone.add(first.bytes, first.headers.get('last-modified'));
    expect((await phone.register(held)).status).toBe(201);
    expect((await phone.listUpdated(held)).status).toBe(200);

    const changed = await tenant.api.put(`/v1/pass-styles/${style.id}`, {
      ...styleBody,
      name: 'Content',
      locations: [{ latitude: 40.7128, longitude: -74.006, relevant_text: 'New York store' }],
      relevant_date: '2026-07-04T12:00:00Z',
      localizations: { ...styleBody.localizations, de: { ...styleBody.localizations.de, Points: 'Treuepunkte' } },
    });
    expect(changed.status).toBe(200);
    const push = await waitFor('the push after the style change', () => apns.pushes.find((p) => p.token === phone.pushToken), 30_000);
    expect(push.topic).toBe(PASS_TYPE);
    const { fetches } = await phone.sync(held);
    expect(fetches.map((f) => f.status)).toEqual([200]);
    const opened = await openPass(fetches[0].bytes, ca.certificatePem);
    expect(opened.passJson).toMatchObject({ locations: [{ latitude: 40.7128, longitude: -74.006, relevantText: 'New York store' }], relevantDate: '2026-07-04T12:00:00Z' });
    expect(opened.strings.de.Points).toBe('Treuepunkte');
    expect((await tenant.api.get(`/v1/passes/${pass.pass_id}`)).body.data.version).toBe(2);
    const trace = (await tenant.api.get(`/v1/passes/${pass.pass_id}/trace`)).body.data;
    expect(trace.find((step: any) => step.kind === 'version_created' && step.version === 2)).toMatchObject({ cause: { event_type: 'pass.updated' } });
  });

  test('Google objects carry the locations and the translations of what they show', async () => {
    const tenant = await newTenant({ google: true });
    const style = await createStyle(tenant, {
      locations: [{ latitude: 48.8584, longitude: 2.2945, altitude: 35, relevant_text: 'Rue Cler' }],
      beacons: [{ proximity_uuid: BEACON }],
      relevant_date: '2026-05-01T18:00:00Z',
      localizations: { de: { Points: 'Punkte', Tier: 'Stufe', 'Opening hours': 'Öffnungszeiten', 'Hello {member_name}': 'Hallo {member_name}' }, fr: { Points: 'Points' } },
      back_fields: [
        { key: 'hours', label: 'Opening hours', value: '7-19' },
        { key: 'hello', label: 'Welcome', value: 'Hello {member_name}' },
      ],
    });
    await member(tenant, 'G-1', 'Katherine Johnson');
    const created = await tenant.api.post('/v1/passes/create-from-member', { member_id: 'G-1', pass_type: 'google', company_name: 'Content Cafe', pass_style_id: style.id });
    expect(created.status).toBe(201);
    const objectId = `${ISSUER_ID}.${created.body.data.pass_id}`;
    const object = (await waitFor('the object at Google', () => google.loyaltyObject(objectId))) as any;
    expect(object.merchantLocations).toEqual([{ latitude: 48.8584, longitude: 2.2945 }]);
    expect(object.locations).toEqual([{ kind: 'walletobjects#latLongPoint', latitude: 48.8584, longitude: 2.2945 }]);
    expect(object.loyaltyPoints.localizedLabel).toEqual({
      defaultValue: { language: 'en', value: 'Points' },
      translatedValues: [
        { language: 'de', value: 'Punkte' },
        { language: 'fr', value: 'Points' },
      ],
    });
    expect(object.secondaryLoyaltyPoints.localizedLabel.translatedValues).toEqual([{ language: 'de', value: 'Stufe' }]);
    const [hours, hello] = object.textModulesData;
    expect(hours.localizedHeader.translatedValues).toEqual([{ language: 'de', value: 'Öffnungszeiten' }]);
    expect(hours).not.toHaveProperty('localizedBody');
    expect(hello.localizedBody).toEqual({ defaultValue: { language: 'en', value: 'Hello Katherine Johnson' }, translatedValues: [{ language: 'de', value: 'Hallo Katherine Johnson' }] });

    // A style change reaches the object as a patch, like any other change.
    const moved = await tenant.api.put(`/v1/pass-styles/${style.id}`, { name: 'Content', locations: [{ latitude: 35.6762, longitude: 139.6503 }] });
    expect(moved.status).toBe(200);
    const current = (await waitFor('the new location at Google', () => {
      const latest = google.loyaltyObject(objectId) as any;
      return latest?.merchantLocations?.[0]?.latitude === 35.6762 ? latest : undefined;
    }, 30_000)) as any;
    // Translations the style no longer has are cleared on the object, not left behind by the patch.
    expect(current.loyaltyPoints).not.toHaveProperty('localizedLabel');
    expect(current.loyaltyPoints.label).toBe('Points');
  });
});
