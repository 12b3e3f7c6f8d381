import { Gaxios } from 'gaxios';
import { createTestServiceAccount, TestServiceAccount } from '../testing/test-service-account';
import { FakeGoogleWalletServer } from '../testing/fake-google-wallet.server';
import { buildLoyaltyClass } from '../loyalty/loyalty-class.builder';
import { buildLoyaltyObject, type LoyaltyObject } from '../loyalty/loyalty-object.builder';
import { GoogleWalletClient, WALLET_OBJECT_ISSUER_SCOPE } from './google-wallet.client';
import { GoogleWalletError } from './google-wallet.error';

const ISSUER_ID = '3388000000022222222';
const OBJECTS_PATH = '/walletobjects/v1/loyaltyObject';

describe('GoogleWalletClient against FakeGoogleWalletServer', () => {
  const fake = new FakeGoogleWalletServer();
  let account: TestServiceAccount;
  let client: GoogleWalletClient;
  let apiUrl: string;

  const loyaltyClass = buildLoyaltyClass({
    issuerId: ISSUER_ID,
    classSuffix: 'coffee-club',
    programName: 'Coffee Club',
    issuerName: 'Bean There',
    hexBackgroundColor: '#3b2f2f',
    logoUri: 'https://cdn.example.com/logo.png',
  });
  const member = (suffix: string, points: number): LoyaltyObject =>
    buildLoyaltyObject({
      issuerId: ISSUER_ID,
      objectSuffix: suffix,
      classId: loyaltyClass.id ?? '',
      accountId: '12345678',
      accountName: 'Ada Lovelace',
      points,
      tier: 'Gold',
      barcodeValue: '12345678',
      state: 'ACTIVE',
    });

  beforeAll(async () => {
    account = createTestServiceAccount();
    fake.registerServiceAccount(account);
    ({ url: apiUrl } = await fake.start());
    client = new GoogleWalletClient({ serviceAccount: account.serviceAccount, rootUrl: apiUrl });
  });

  afterAll(() => fake.stop());

  it('ensureClass inserts once, then updates: calling it twice is idempotent', async () => {
    const first = await client.ensureClass(loyaltyClass);
    const second = await client.ensureClass({ ...loyaltyClass, programName: 'Coffee Club+' });

    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(fake.loyaltyClass(loyaltyClass.id ?? '')).toMatchObject({ programName: 'Coffee Club+', issuerName: 'Bean There' });
    const update = await fake.waitFor((r) => r.method === 'PUT' && r.path.endsWith(`/loyaltyClass/${loyaltyClass.id}`));
    expect(update.identity).toBe(account.serviceAccount.clientEmail);
  });

  it('insertObject creates the object, and a repeat patches it instead of failing', async () => {
    await client.ensureClass(loyaltyClass);
    const created = await client.insertObject(member('member-1', 150));
    const repeated = await client.insertObject(member('member-1', 160));

    expect(created).toMatchObject({ created: true, resource: { id: `${ISSUER_ID}.member-1`, loyaltyPoints: { balance: { int: 150 } } } });
    expect(repeated.created).toBe(false);
    expect(fake.loyaltyObject(`${ISSUER_ID}.member-1`)).toMatchObject({ loyaltyPoints: { balance: { int: 160 } } });
  });

  it('patchObject sends PATCH with the new balance under a bearer the fake verified', async () => {
    await client.ensureClass(loyaltyClass);
    await client.insertObject(member('member-2', 100));

    const patched = await client.patchObject(`${ISSUER_ID}.member-2`, { loyaltyPoints: { label: 'Points', balance: { int: 256 } } });

    const patch = await fake.waitFor((r) => r.method === 'PATCH' && r.path === `${OBJECTS_PATH}/${ISSUER_ID}.member-2`);
    expect(patch.body).toEqual({ loyaltyPoints: { label: 'Points', balance: { int: 256 } } });
    expect(patch.identity).toBe(account.serviceAccount.clientEmail);
    expect(patch.status).toBe(200);
    expect(patched.loyaltyPoints?.balance?.int).toBe(256);
    expect(patched.accountName).toBe('Ada Lovelace');
  });

  it('addMessage posts a notifying message that lands on the object', async () => {
    await client.ensureClass(loyaltyClass);
    await client.insertObject(member('member-3', 10));

    const resource = await client.addMessage(`${ISSUER_ID}.member-3`, { header: 'Double points', body: 'All weekend long', id: 'promo-1' });

    const request = await fake.waitFor((r) => r.path === `${OBJECTS_PATH}/${ISSUER_ID}.member-3/addMessage`);
    expect(request).toMatchObject({ method: 'POST', identity: account.serviceAccount.clientEmail });
    expect(request.body).toEqual({ message: { header: 'Double points', body: 'All weekend long', id: 'promo-1', messageType: 'TEXT_AND_NOTIFY' } });
    expect(resource.messages).toEqual([expect.objectContaining({ header: 'Double points', body: 'All weekend long' })]);
  });

  it('surfaces the fourth notifying message in 24 h as a quota GoogleWalletError', async () => {
    await client.ensureClass(loyaltyClass);
    await client.insertObject(member('member-4', 10));
    for (const n of [1, 2, 3]) {
      await client.addMessage(`${ISSUER_ID}.member-4`, { header: `Update ${n}`, body: 'Points changed' });
    }

    const error = await client.addMessage(`${ISSUER_ID}.member-4`, { header: 'Update 4', body: 'Points changed' }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(GoogleWalletError);
    expect(error).toMatchObject({ status: 429, isQuotaExceeded: true });
    // A plain TEXT message does not notify, so it is still accepted.
    await expect(
      client.addMessage(`${ISSUER_ID}.member-4`, { header: 'Update 4', body: 'Points changed', messageType: 'TEXT' }),
    ).resolves.toMatchObject({ id: `${ISSUER_ID}.member-4` });
  });

  it('maps an unknown object id to a 404 GoogleWalletError', async () => {
    const error = await client.patchObject(`${ISSUER_ID}.nobody`, { state: 'EXPIRED' }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(GoogleWalletError);
    expect(error).toMatchObject({ status: 404 });
  });

  it('reports an unreachable endpoint as a GoogleWalletError with status 0', async () => {
    const closed = new FakeGoogleWalletServer();
    const { url: closedUrl } = await closed.start();
    await closed.stop();
    const offline = new GoogleWalletClient({ serviceAccount: account.serviceAccount, rootUrl: closedUrl });

    const error = await offline.insertObject(member('member-9', 1)).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(GoogleWalletError);
    expect(error).toMatchObject({ status: 0, reason: 'NETWORK_ERROR' });
  });

  it('answers 401 to a key the fake does not trust, and the client surfaces GoogleWalletError', async () => {
    const stranger = createTestServiceAccount({ name: 'stranger' });
    const strangerClient = new GoogleWalletClient({ serviceAccount: stranger.serviceAccount, rootUrl: apiUrl });

    const error = await strangerClient.ensureClass(loyaltyClass).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(GoogleWalletError);
    expect(error).toMatchObject({ status: 401, reason: 'authError' });
    const refused = await fake.waitFor((r) => r.status === 401);
    expect(refused.identity).toBeNull();
  });

  it('answers 401 when a trusted e-mail signs with the wrong key', async () => {
    const impostor = createTestServiceAccount();
    const forged = { ...account.serviceAccount, privateKeyPem: impostor.serviceAccount.privateKeyPem };
    const forgedClient = new GoogleWalletClient({ serviceAccount: forged, rootUrl: apiUrl });

    const error = await forgedClient.patchObject(`${ISSUER_ID}.member-1`, { state: 'INACTIVE' }).catch((e: unknown) => e);

    expect(error).toMatchObject({ status: 401 });
    expect(fake.loyaltyObject(`${ISSUER_ID}.member-1`)?.['state']).toBe('ACTIVE');
  });

  it('authenticates with a self-signed scoped JWT and never calls a token endpoint', async () => {
    // google-auth-library sends every request, a token-endpoint call included, through
    // its gaxios transporter; watching it shows where the auth stack tried to go.
    const requestedUrls: string[] = [];
    const realRequest = Gaxios.prototype.request;
    const spy = jest.spyOn(Gaxios.prototype, 'request').mockImplementation(function (this: Gaxios, options) {
      requestedUrls.push(String(options?.url));
      return realRequest.call(this, options);
    });
    try {
      const fresh = new GoogleWalletClient({ serviceAccount: account.serviceAccount, rootUrl: apiUrl });
      await fresh.ensureClass(loyaltyClass);
      await fresh.insertObject(member('member-5', 5));
    } finally {
      spy.mockRestore();
    }

    expect(requestedUrls.length).toBeGreaterThan(0);
    expect(requestedUrls.filter((url) => !url.startsWith(apiUrl))).toEqual([]);
    const insert = await fake.waitFor((r) => r.method === 'POST' && r.path === OBJECTS_PATH && (r.body as LoyaltyObject).id === `${ISSUER_ID}.member-5`);
    const email = account.serviceAccount.clientEmail;
    expect(insert.identity).toBe(email);
    expect(insert.bearerClaims).toMatchObject({ iss: email, sub: email, scope: WALLET_OBJECT_ISSUER_SCOPE });
  });
});
