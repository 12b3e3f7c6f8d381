import { FakeGoogleWalletServer, TestServiceAccount, createTestServiceAccount } from '@wp/google-wallet/testing';
import { TestCa, createTestCa, issuePassCertificate } from '@wp/pkpass/testing';
import { Admin, Fleet, TenantFixture, bootstrapAdmin, onboardTenant, waitFor } from '@wp/testing';
import { download, fieldErrors, openPass } from '../pass-content/pass-content.helpers';
import { verifyRs256Jwt } from '../pass/pass.helpers';

const PASS_TYPE = 'pass.com.example.kinds';
const TEAM = 'KINDS12345';
const ISSUER_ID = '3388000000088888888';
const SAVE_PREFIX = 'https://pay.google.com/gp/v/save/';
const STYLE_CODES = ['missing_required_key', 'invalid_transit_type', 'too_many_fields', 'image_not_used_by_style'];

/** Every kind with what it must become: Apple's style key and Google's vertical. */
const KINDS = [
  { kind: 'store_card', appleKey: 'storeCard', google: 'loyalty' },
  { kind: 'coupon', appleKey: 'coupon', google: 'offer' },
  { kind: 'event_ticket', appleKey: 'eventTicket', google: 'eventTicket' },
  { kind: 'generic', appleKey: 'generic', google: 'generic' },
  { kind: 'boarding_pass', appleKey: 'boardingPass', google: 'generic', transit_type: 'train' },
] as const;

/**
 * Pass kinds (spec/API.md §8.7) end to end: a style of each kind makes Apple passes that
 * verify with `openssl cms -verify` and carry the kind's style key (a boarding pass its
 * PKTransitType), that the pass doctor finds nothing wrong with per Apple's style rules, and
 * Google objects of the kind's vertical written to the local Google Wallet fake through the
 * real client, with save links naming the same vertical. Bad kind combinations are 400s.
 */
describe('pass kinds', () => {
  let fleet: Fleet;
  let admin: Admin;
  let tenant: TenantFixture;
  let ca: TestCa;
  let google: FakeGoogleWalletServer;
  let account: TestServiceAccount;

  beforeAll(async () => {
    account = createTestServiceAccount();
    google = new FakeGoogleWalletServer();
    google.registerServiceAccount(account, { issuerIds: [ISSUER_ID] });
    const { url } = await google.start();
    fleet = await Fleet.start({ env: { GOOGLE_WALLET_API_URL: url } });
    admin = await bootstrapAdmin(fleet);
    ca = createTestCa('Kinds Test CA');
    tenant = await onboardTenant(fleet, admin, 'Kinds Travel & Events');
    const certificate = issuePassCertificate(ca, { passTypeIdentifier: PASS_TYPE, teamIdentifier: TEAM });
    const apple = await tenant.api.put('/v1/tenant/apple', {
      pass_type_identifier: PASS_TYPE,
      team_identifier: TEAM,
      certificate_pem: certificate.certificatePem,
      private_key_pem: certificate.privateKeyPem,
    });
    expect(apple.status).toBe(200);
    expect((await tenant.api.put('/v1/tenant/google', { issuer_id: ISSUER_ID, service_account_json: account.json })).status).toBe(200);
    expect((await tenant.api.post('/v1/members/register', { member_id: 'K-1', member_name: 'Kim Kind' })).status).toBe(201);
  });
  afterAll(async () => {
    await fleet?.stop();
    await google?.stop();
  });

  async function styleOf(kind: string, extra: Record<string, unknown> = {}): Promise<any> {
    const response = await tenant.api.post('/v1/pass-styles', {
      name: `A ${kind}`,
      kind,
      primary_fields: [{ key: 'what', label: 'Admit', value: '{member_name}' }],
      back_fields: [{ key: 'terms', label: 'Terms', value: 'One use per member' }],
      ...extra,
    });
    expect({ status: response.status, body: response.body }).toEqual({ status: 201, body: expect.anything() });
    return response.body.data;
  }

  async function passOf(styleId: string, passType: 'apple' | 'google'): Promise<any> {
    const response = await tenant.api.post('/v1/passes/create-from-member', { member_id: 'K-1', pass_type: passType, company_name: 'Kinds Travel', pass_style_id: styleId });
    expect({ status: response.status, body: response.body }).toEqual({ status: 201, body: expect.anything() });
    return response.body.data;
  }

  test.each(KINDS)('a $kind style makes a signed Apple pass under $appleKey that the doctor finds in order', async (spec) => {
    const style = await styleOf(spec.kind, 'transit_type' in spec ? { transit_type: spec.transit_type } : {});
    expect(style).toMatchObject({ kind: spec.kind, transit_type: 'transit_type' in spec ? spec.transit_type : null });
    const pass = await passOf(style.id, 'apple');
    expect(pass.kind).toBe(spec.kind);

    const bytes = await download(tenant, pass.pass_id);
    const opened = await openPass(bytes, ca.certificatePem);
    const styleKeys = ['storeCard', 'coupon', 'eventTicket', 'generic', 'boardingPass'].filter((key) => key in opened.passJson);
    expect(styleKeys).toEqual([spec.appleKey]);
    expect(opened.passJson[spec.appleKey].primaryFields).toEqual([expect.objectContaining({ key: 'what', value: 'Kim Kind' })]);
    if (spec.kind === 'boarding_pass') expect(opened.passJson.boardingPass.transitType).toBe('PKTransitTypeTrain');
    // Only the store card draws the strip here; the boarding pass shows none.
    if (spec.kind === 'boarding_pass' || spec.kind === 'generic') expect(Object.keys(opened.files).filter((name) => name.startsWith('strip'))).toEqual([]);
    if (spec.kind !== 'store_card') expect(JSON.stringify(opened.passJson[spec.appleKey])).not.toContain('"points"');

    const doctor = await tenant.api.post('/v1/doctor/pkpass', undefined, { rawBody: bytes, headers: { 'content-type': 'application/vnd.apple.pkpass' } });
    expect(doctor.status).toBe(200);
    expect(doctor.body.data.problems.filter((p: { code: string }) => STYLE_CODES.includes(p.code))).toEqual([]);
  });

  test.each(KINDS)('a $kind style makes a Google $google object, through the real client, and a save link of that vertical', async (spec) => {
    const style = await styleOf(spec.kind, 'transit_type' in spec ? { transit_type: spec.transit_type } : {});
    const pass = await passOf(style.id, 'google');
    const objectId = `${ISSUER_ID}.${pass.pass_id}`;
    const object = await waitFor(`the ${spec.google} object`, () => google.resource(`${spec.google}Object`, objectId));
    expect(object).toMatchObject({ state: 'ACTIVE', barcode: { value: 'K-1' } });
    expect(google.resource(`${spec.google}Class`, object.classId as string)).toBeDefined();
    // Nothing of another vertical was written for it.
    for (const other of ['loyalty', 'offer', 'eventTicket', 'generic'].filter((v) => v !== spec.google)) expect(google.resource(`${other}Object` as any, objectId)).toBeUndefined();
    if (spec.google === 'generic') expect(object).toMatchObject({ cardTitle: { defaultValue: { value: 'Kinds Travel' } }, header: { defaultValue: { value: 'Kim Kind' } } });
    if (spec.google === 'eventTicket') expect(object.ticketHolderName).toBe('Kim Kind');

    const { claims } = verifyRs256Jwt(pass.pass_url.slice(SAVE_PREFIX.length), account.publicKeyPem);
    expect(Object.keys(claims.payload)).toEqual([`${spec.google}Objects`]);
    expect(claims.payload[`${spec.google}Objects`][0]).toMatchObject({ id: objectId });

    // A status change reaches the object of the right vertical too.
    expect((await tenant.api.patch(`/v1/passes/${pass.pass_id}`, { status: 'redeemed' })).status).toBe(200);
    await waitFor('the COMPLETED state', () => (google.resource(`${spec.google}Object`, objectId)?.state === 'COMPLETED' ? true : undefined));
  });

  test("bad kind combinations are 400s naming the field, and a style's kind is fixed once passes show it", async () => {
    expect(fieldErrors(await tenant.api.post('/v1/pass-styles', { name: 'x', kind: 'boarding_pass' }))).toEqual({ transit_type: expect.stringContaining('required') });
    expect(fieldErrors(await tenant.api.post('/v1/pass-styles', { name: 'x', kind: 'coupon', transit_type: 'air' }))).toEqual({ transit_type: expect.stringContaining('boarding_pass') });
    expect(fieldErrors(await tenant.api.post('/v1/pass-styles', { name: 'x', kind: 'ferry' }))).toEqual({ kind: expect.stringContaining('store_card') });
    expect(fieldErrors(await tenant.api.post('/v1/pass-styles', { name: 'x', kind: 'generic', assets: { apple: { strip: 'strip.png' } } }))).toEqual({
      'assets.apple.strip': expect.stringContaining('generic'),
    });
    expect(
      fieldErrors(await tenant.api.post('/v1/pass-styles', { name: 'x', kind: 'event_ticket', assets: { apple: { strip: 's.png', background: 'b.png' } } })),
    ).toEqual({ 'assets.apple.strip': expect.stringContaining('background') });
    // A style without kind stays a store card, as before.
    const plain = await tenant.api.post('/v1/pass-styles', { name: 'plain' });
    expect(plain.body.data).toMatchObject({ kind: 'store_card', transit_type: null });

    const ticket = await styleOf('event_ticket', { assets: { apple: { background: 'bg.png', thumbnail: 'th.png' } } });
    expect(ticket.warnings).toEqual(expect.arrayContaining([expect.stringContaining('assets.apple.background')]));
    // Unused, the kind may still change; once a pass shows the style, it may not.
    const body = { name: 'A event_ticket', kind: 'generic', assets: { apple: { thumbnail: 'th.png' } } };
    expect((await tenant.api.put(`/v1/pass-styles/${ticket.id}`, body)).status).toBe(200);
    await passOf(ticket.id, 'apple');
    const refused = await tenant.api.put(`/v1/pass-styles/${ticket.id}`, { ...body, kind: 'coupon', assets: {} });
    expect({ status: refused.status, message: refused.body.message }).toEqual({ status: 409, message: expect.stringContaining('cannot change kind') });
  });
});
