import { FakeApnsServer, RecordedPush } from '@wp/apns/testing';
import { TestCa, createTestCa, issuePassCertificate, verifyPkpass } from '@wp/pkpass/testing';
import { Admin, Fleet, TenantFixture, bootstrapAdmin, onboardTenant, waitFor } from '@wp/testing';
import { X509Certificate } from 'node:crypto';
import { FakeIPhone, HeldPass, fieldValue } from './fake-iphone';

const PASS_TYPE = 'pass.com.example.live';
const TEAM = 'LIVE123456';

/**
 * The live-update path end to end (issue 5), with an iPhone played against the gateway: a
 * pass is downloaded, its webServiceURL and authenticationToken read from pass.json, a
 * device registers, points change through the API, APNs (a local HTTP/2 TLS fake trusted
 * through NODE_EXTRA_CA_CERTS) gets the push with the pass type as topic over the tenant's
 * certificate, and the device lists what changed and fetches the new pass.
 */
describe('live updates: an iPhone against the gateway', () => {
  let apns: FakeApnsServer;
  let fleet: Fleet;
  let admin: Admin;
  let tenant: TenantFixture;
  let ca: TestCa;
  let certificateFingerprint: string;

  beforeAll(async () => {
    apns = await FakeApnsServer.start();
    fleet = await Fleet.start({ env: { APNS_URL: apns.url } });
    admin = await bootstrapAdmin(fleet);
    tenant = await onboardTenant(fleet, admin, 'Live Coffee');
    ca = createTestCa('Stand-in Apple CA');
    const certificate = issuePassCertificate(ca, { passTypeIdentifier: PASS_TYPE, teamIdentifier: TEAM });
    certificateFingerprint = new X509Certificate(certificate.certificatePem).fingerprint256;
    const stored = await tenant.api.put('/v1/tenant/apple', {
      pass_type_identifier: PASS_TYPE,
      team_identifier: TEAM,
      certificate_pem: certificate.certificatePem,
      private_key_pem: certificate.privateKeyPem,
    });
    expect(stored.status).toBe(200);
  });
  afterAll(async () => {
    await fleet?.stop();
    await apns?.stop();
  });

  /** A member with an Apple pass, downloaded through the API as an integrator would. */
  async function issuedPass(memberId: string): Promise<{ passId: string; pkpass: Buffer; lastModified: string | null }> {
    expect((await tenant.api.post('/v1/members/register', { member_id: memberId, member_name: 'Ada Lovelace' })).status).toBe(201);
    const created = await tenant.api.post('/v1/passes/create-from-member', { member_id: memberId, pass_type: 'apple', company_name: 'Live Coffee' });
    expect(created.status).toBe(201);
    const download = await tenant.api.get(`/v1/passes/${created.body.data.pass_id}/download`);
    expect(download.status).toBe(200);
    return { passId: created.body.data.pass_id, pkpass: download.bytes, lastModified: download.headers.get('last-modified') };
  }

  /** An iPhone that added the pass, registered it, and learnt its first tag. */
  async function phoneWith(memberId: string, phone = new FakeIPhone()): Promise<{ phone: FakeIPhone; held: HeldPass; passId: string }> {
    const { passId, pkpass, lastModified } = await issuedPass(memberId);
    const held = phone.add(pkpass, lastModified);
    expect((await phone.register(held)).status).toBe(201);
    expect((await phone.listUpdated(held)).status).toBe(200);
    return { phone, held, passId };
  }

  const pushesTo = (token: string) => apns.pushes.filter((push) => push.token === token);

  /** The next push to `token` after the ones already seen. */
  async function nextPush(token: string, seen: number): Promise<RecordedPush> {
    return waitFor(`push #${seen + 1} to the device`, () => pushesTo(token)[seen], 20_000);
  }

  const addPoints = async (memberId: string, points: number) => {
    const response = await tenant.api.put(`/v1/members/${memberId}/points`, { points, operation: 'add' });
    expect(response.status).toBe(200);
    return response.body.data.points as number;
  };

  test('download, register, points change, push with the right topic and certificate, list, fetch the new points, then 304', async () => {
    const { pkpass, lastModified } = await issuedPass('LIVE-1');
    await verifyPkpass(pkpass, { caPem: ca.certificatePem });
    const phone = new FakeIPhone();
    const held = phone.add(pkpass, lastModified);
    expect(held.webServiceURL).toBe(`${fleet.baseUrl}/apple`);
    expect(held.authenticationToken.length).toBeGreaterThanOrEqual(16);
    expect(held.lastModified).not.toBeNull();

    expect((await phone.register(held)).status).toBe(201);
    expect((await phone.register(held)).status).toBe(200);
    // Its first list: the device learns its tag; the pass it holds is the current one.
    const first = await phone.listUpdated(held);
    expect(first.status).toBe(200);
    expect(first.body.serialNumbers).toEqual([held.serialNumber]);
    expect(first.body.lastUpdated).toMatch(/^\d+$/);
    expect((await phone.fetch(held)).status).toBe(304);

    const points = await addPoints('LIVE-1', 250);
    const push = await nextPush(phone.pushToken, 0);
    expect(push.topic).toBe(PASS_TYPE);
    expect(push.payload).toEqual({});
    expect(push.clientCertFingerprint256).toBe(certificateFingerprint);
    expect(push.clientCertSubject?.UID).toBe(PASS_TYPE);
    expect(push.response.status).toBe(200);

    const listed = await phone.listUpdated(held);
    expect(listed.status).toBe(200);
    expect(listed.body.serialNumbers).toEqual([held.serialNumber]);
    expect(BigInt(listed.body.lastUpdated)).toBeGreaterThan(BigInt(first.body.lastUpdated));

    const before = held.lastModified as string;
    const fetched = await phone.fetch(held);
    expect(fetched.status).toBe(200);
    expect(fetched.headers.get('content-type')).toBe('application/vnd.apple.pkpass');
    expect(Date.parse(fetched.headers.get('last-modified') as string)).toBeGreaterThan(Date.parse(before));
    const verified = await verifyPkpass(fetched.bytes, { caPem: ca.certificatePem });
    expect(fieldValue(verified.passJson, 'points')).toBe(points);
    expect(verified.passJson.authenticationToken).toBe(held.authenticationToken);

    const again = await phone.fetch(held);
    expect(again.status).toBe(304);
    expect(again.headers.get('last-modified')).toBe(held.lastModified);
    expect((await phone.listUpdated(held)).status).toBe(204);
  });

  test('HEAD works as GET does, without a body and without moving the device on', async () => {
    const { phone, held } = await phoneWith('LIVE-HEAD');
    const head = await phone.fetch(held, { method: 'HEAD', conditional: false });
    expect(head.status).toBe(200);
    expect(head.headers.get('last-modified')).toBe(held.lastModified);
    expect(head.headers.get('content-type')).toBe('application/vnd.apple.pkpass');
    expect(head.bytes.length).toBe(0);
    expect((await phone.fetch(held, { method: 'HEAD' })).status).toBe(304);

    await addPoints('LIVE-HEAD', 5);
    await nextPush(phone.pushToken, 0);
    expect((await phone.listUpdated(held, 'HEAD')).status).toBe(200);
    const listed = await phone.listUpdated(held);
    expect(listed.body.serialNumbers).toEqual([held.serialNumber]);
  });

  test('a wrong or missing ApplePass token is a 401 on every authenticated endpoint; an unknown serial too; an unknown device has no passes', async () => {
    const { phone, held } = await phoneWith('LIVE-AUTH');
    const wrong = 'x'.repeat(held.authenticationToken.length);
    expect((await phone.register(held, wrong)).status).toBe(401);
    expect((await phone.unregister(held, wrong)).status).toBe(401);
    expect((await phone.fetch(held, { token: wrong })).status).toBe(401);

    const web = phone.webService(held);
    const path = `/v1/passes/${held.passTypeIdentifier}/${held.serialNumber}`;
    expect((await web.get(path)).status).toBe(401);
    expect((await web.get(path, { headers: { authorization: `Bearer ${held.authenticationToken}` } })).status).toBe(401);
    // The tenant's API key is no credential here.
    expect((await web.get(path, { headers: { 'x-api-key': tenant.apiKey } })).status).toBe(401);
    const unknownSerial = await web.get(`/v1/passes/${held.passTypeIdentifier}/00000000-0000-4000-8000-000000000000`, { headers: { authorization: `ApplePass ${held.authenticationToken}` } });
    expect(unknownSerial.status).toBe(401);
    // Another pass type with the right token and serial is not this pass either.
    expect((await web.get(`/v1/passes/pass.com.example.other/${held.serialNumber}`, { headers: { authorization: `ApplePass ${held.authenticationToken}` } })).status).toBe(401);

    const stranger = new FakeIPhone();
    expect((await stranger.listUpdated(held)).status).toBe(204);
    expect((await web.post('/v1/log', { logs: ['Web service error for pass.com.example.live (http://x): Server returned 401'] })).status).toBe(200);

    // Unregistering with the right token works once; the device then has nothing listed.
    expect((await phone.unregister(held)).status).toBe(200);
    phone.tag = null;
    expect((await phone.listUpdated(held)).status).toBe(204);
  });

  test('a 410 Unregistered from APNs removes the registration', async () => {
    const { phone, held } = await phoneWith('LIVE-410');
    apns.respondWith(phone.pushToken, { status: 410, reason: 'Unregistered' });
    await addPoints('LIVE-410', 10);
    const push = await nextPush(phone.pushToken, 0);
    expect(push.response).toMatchObject({ status: 410, reason: 'Unregistered' });
    phone.tag = null;
    await waitFor('the registration to be removed', async () => ((await phone.listUpdated(held)).status === 204 ? true : undefined), 15_000);

    // No registration, no more pushes: the next version reaches nobody.
    const anotherPhone = await phoneWith('LIVE-410-WITNESS');
    await addPoints('LIVE-410', 10);
    await addPoints('LIVE-410-WITNESS', 10);
    await nextPush(anotherPhone.phone.pushToken, 0);
    expect(pushesTo(phone.pushToken)).toHaveLength(1);
  });

  test('two updates within a second both reach a device that fetched between them', async () => {
    const { phone, held } = await phoneWith('LIVE-FAST');
    const first = await addPoints('LIVE-FAST', 1);
    await nextPush(phone.pushToken, 0);
    const sync1 = await phone.sync(held);
    expect(sync1.fetches.map((f) => f.status)).toEqual([200]);
    expect(fieldValue(held.passJson, 'points')).toBe(first);
    const fetchedAt = held.lastModified as string;

    // At once: the device fetched version n moments ago, likely within the same second.
    const second = await addPoints('LIVE-FAST', 1);
    await nextPush(phone.pushToken, 1);
    const sync2 = await phone.sync(held);
    expect(sync2.list.status).toBe(200);
    expect(sync2.fetches.map((f) => f.status)).toEqual([200]);
    expect(fieldValue(held.passJson, 'points')).toBe(second);
    // Last-Modified moved on by at least a whole second, so If-Modified-Since could not hide it.
    expect(Date.parse(held.lastModified as string)).toBeGreaterThan(Date.parse(fetchedAt));
    expect((await phone.fetch(held)).status).toBe(304);
  });

  test('an AndroidPass registration is recorded and listed, but never pushed through APNs', async () => {
    const { pkpass, lastModified, passId } = await issuedPass('LIVE-ANDROID');
    const android = new FakeIPhone('AndroidPass', 'fcm:APA91bEXAMPLE-android_token');
    const iphone = new FakeIPhone();
    const heldAndroid = android.add(pkpass, lastModified);
    const heldIphone = iphone.add(pkpass, lastModified);
    expect((await android.register(heldAndroid)).status).toBe(201);
    expect((await iphone.register(heldIphone)).status).toBe(201);
    // Android apps speak the same protocol for the rest: list and fetch work with AndroidPass.
    expect((await android.listUpdated(heldAndroid)).body.serialNumbers).toEqual([passId]);

    await addPoints('LIVE-ANDROID', 7);
    // The pass's pushes went out (the iPhone got its own) ...
    await nextPush(iphone.pushToken, 0);
    const androidSync = await android.sync(heldAndroid);
    expect(androidSync.fetches.map((f) => f.status)).toEqual([200]);
    // ... and none carried the Android token; its registration is still there.
    expect(apns.pushes.filter((push) => push.token.includes('APA91'))).toEqual([]);
    expect(pushesTo(android.pushToken)).toEqual([]);
    await addPoints('LIVE-ANDROID', 1);
    await nextPush(iphone.pushToken, 1);
    expect((await android.listUpdated(heldAndroid)).body.serialNumbers).toEqual([passId]);
  });

  test('a registration is attributed to the channel the pass went out through: an SMS link counts as sms in insights', async () => {
    const { passId } = await issuedPass('LIVE-SMS');
    const sms = await tenant.api.post('/v1/distribution/send-pass-sms?dry_run=1', { pass_id: passId, phone_number: '+14155550123' });
    expect(sms.status).toBe(201);
    const follow = await fleet.api.get(new URL(sms.body.data.short_url).pathname);
    expect(follow.status).toBe(302);
    const page = new URL(follow.headers.get('location') as string, fleet.baseUrl);
    const pkpass = await fleet.api.get(`${page.pathname}/pass.pkpass${page.search}`);
    expect(pkpass.status).toBe(200);

    const phone = new FakeIPhone();
    expect((await phone.register(phone.add(pkpass.bytes, null))).status).toBe(201);
    const totals = await waitFor(
      'the install in insights',
      async () => {
        const metrics = await tenant.api.get('/v1/insights/metrics');
        const counted = metrics.body.data?.totals;
        return counted?.installs_by_channel?.sms === 1 ? counted : undefined;
      },
      15_000,
    );
    expect(totals.installs).toBeGreaterThanOrEqual(1);
  });

  test('the chain is durable: a points change while notification is down is pushed once it is back', async () => {
    const { phone, held } = await phoneWith('LIVE-DURABLE');
    await fleet.kill('notification');
    const points = await addPoints('LIVE-DURABLE', 33);
    await fleet.restart('notification');
    await nextPush(phone.pushToken, 0);
    await phone.sync(held);
    expect(fieldValue(held.passJson, 'points')).toBe(points);
    // One version, one push to the device.
    await addPoints('LIVE-DURABLE', 1);
    await nextPush(phone.pushToken, 1);
    expect(pushesTo(phone.pushToken)).toHaveLength(2);
  });
});
