import { GoogleWalletClient } from '../client/google-wallet.client';
import { GoogleWalletError } from '../client/google-wallet.error';
import { createSaveUrl } from '../save-url/save-url';
import { FakeGoogleWalletServer } from '../testing/fake-google-wallet.server';
import { TestServiceAccount, createTestServiceAccount } from '../testing/test-service-account';
import { buildEventTicketClass, buildEventTicketObject, buildGenericClass, buildGenericObject, buildOfferClass, buildOfferObject } from './kind-builders';

const ISSUER_ID = '3388000000033333333';

/** The offer, eventTicket and generic verticals through the real generated client, against the fake's REST paths and required fields. */
describe('pass kinds on Google Wallet', () => {
  const fake = new FakeGoogleWalletServer();
  let account: TestServiceAccount;
  let client: GoogleWalletClient;

  beforeAll(async () => {
    account = createTestServiceAccount();
    fake.registerServiceAccount(account);
    const { url } = await fake.start();
    client = new GoogleWalletClient({ serviceAccount: account.serviceAccount, rootUrl: url });
  });
  afterAll(() => fake.stop());

  const classInput = { issuerId: ISSUER_ID, issuerName: 'Bean There', title: 'Bean There', hexBackgroundColor: '#123456', logoUri: 'https://cdn.example.com/logo.png' };
  const objectInput = (classId: string, suffix: string) => ({
    issuerId: ISSUER_ID,
    objectSuffix: suffix,
    classId,
    state: 'ACTIVE' as const,
    barcodeValue: 'M-1',
    cardTitle: 'Bean There',
    header: 'Free coffee',
    holderName: 'Ada Lovelace',
    textModules: [{ id: 'terms', header: 'Terms', body: 'Once' }],
    validTimeInterval: { end: '2030-01-01T00:00:00Z' },
  });

  it.each([
    ['offer', buildOfferClass({ ...classInput, classSuffix: 'offers' }), (id: string) => buildOfferObject(objectInput(id, 'o-1'))],
    ['eventTicket', buildEventTicketClass({ ...classInput, classSuffix: 'events' }), (id: string) => buildEventTicketObject(objectInput(id, 'e-1'))],
    ['generic', buildGenericClass({ issuerId: ISSUER_ID, classSuffix: 'generic' }), (id: string) => buildGenericObject(objectInput(id, 'g-1'))],
  ] as const)('%s: class and object go to their own resources; a second write patches', async (type, walletClass, objectOf) => {
    expect((await client.ensureClass(walletClass, type)).created).toBe(true);
    const object = objectOf(walletClass.id as string);
    expect((await client.insertObject(object, type)).created).toBe(true);
    expect((await client.insertObject({ ...object, state: 'COMPLETED' }, type)).created).toBe(false);
    expect(fake.resource(`${type}Object`, object.id as string)).toMatchObject({ classId: walletClass.id, state: 'COMPLETED', barcode: { value: 'M-1' } });
    expect(fake.loyaltyObject(object.id as string)).toBeUndefined();
    await client.addMessage(object.id as string, { header: 'Hi', body: 'News' }, type);
    expect(fake.resource(`${type}Object`, object.id as string)?.messages).toEqual([expect.objectContaining({ header: 'Hi' })]);
  });

  it("refuses what Google requires and is missing, and an object of another vertical's class", async () => {
    const offer = buildOfferClass({ ...classInput, classSuffix: 'bad-offer' });
    const { title: _title, ...untitled } = offer;
    await expect(client.ensureClass(untitled, 'offer')).rejects.toBeInstanceOf(GoogleWalletError);
    const generic = buildGenericClass({ issuerId: ISSUER_ID, classSuffix: 'g2' });
    await client.ensureClass(generic, 'generic');
    const { header: _header, ...headless } = buildGenericObject(objectInput(generic.id as string, 'g-2'));
    await expect(client.insertObject(headless, 'generic')).rejects.toMatchObject({ status: 400 });
    await expect(client.insertObject(buildOfferObject(objectInput(generic.id as string, 'o-2')), 'offer')).rejects.toMatchObject({ status: 400 });
  });

  it('save links carry the vertical in their payload keys', () => {
    const { jwt } = createSaveUrl({ serviceAccount: account.serviceAccount, origins: [], loyaltyObjects: [{ id: `${ISSUER_ID}.x`, classId: `${ISSUER_ID}.y` }], objectType: 'eventTicket' });
    const payload = JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8')).payload;
    expect(Object.keys(payload)).toEqual(['eventTicketObjects']);
  });
});
