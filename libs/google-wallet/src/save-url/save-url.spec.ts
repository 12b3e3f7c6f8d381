import { verify } from 'node:crypto';
import { createTestServiceAccount } from '../testing/test-service-account';
import { buildLoyaltyClass } from '../loyalty/loyalty-class.builder';
import { buildLoyaltyObject } from '../loyalty/loyalty-object.builder';
import { createLeanSaveUrl, createSaveUrl, SAVE_URL_MAX_LENGTH, SaveUrlTooLongError } from './save-url';

const ISSUER_ID = '3388000000022222222';
const account = createTestServiceAccount();

const loyaltyClass = buildLoyaltyClass({
  issuerId: ISSUER_ID,
  classSuffix: 'tenant-5b0e8c2d-7d43-4f0e-a1c2-3f9d2b7e6a10',
  programName: 'Bean There Coffee Club',
  issuerName: 'Bean There',
  hexBackgroundColor: '#3b2f2f',
  logoUri: 'https://cdn.bean-there.example.com/wallet/logo-660x660.png',
});
// A realistic member pass: UUID ids, tier, a couple of text modules, a validity window.
const loyaltyObject = buildLoyaltyObject({
  issuerId: ISSUER_ID,
  objectSuffix: 'pass-6f1c2a9e-2d7b-4a51-9c8e-0b3f5d7a1e22',
  classId: loyaltyClass.id ?? '',
  accountId: '12345678',
  accountName: 'Ada Lovelace',
  points: 156,
  tier: 'Gold',
  barcodeValue: 'WP-12345678-6f1c2a9e',
  state: 'ACTIVE',
  textModules: [
    { id: 'next-reward', header: 'Next reward', body: 'Free pastry at 200 points' },
    { id: 'support', header: 'Questions?', body: 'hello@bean-there.example.com' },
  ],
  validTimeInterval: { end: new Date('2026-12-31T23:59:59Z') },
});

function decode(jwt: string): { header: Record<string, unknown>; claims: Record<string, unknown>; signatureValid: boolean } {
  const [header, claims, signature] = jwt.split('.');
  return {
    header: JSON.parse(Buffer.from(header, 'base64url').toString()),
    claims: JSON.parse(Buffer.from(claims, 'base64url').toString()),
    signatureValid: verify('sha256', Buffer.from(`${header}.${claims}`), account.publicKeyPem, Buffer.from(signature, 'base64url')),
  };
}

describe('createSaveUrl', () => {
  const issuedAt = new Date('2026-03-01T12:00:00Z');
  const saveUrl = createSaveUrl({
    serviceAccount: account.serviceAccount,
    issuerId: ISSUER_ID,
    origins: ['https://wallet.bean-there.example.com'],
    loyaltyClasses: [loyaltyClass],
    loyaltyObjects: [loyaltyObject],
    issuedAt,
  });

  it('links to Google with the JWT as the last path segment', () => {
    expect(saveUrl.url).toBe(`https://pay.google.com/gp/v/save/${saveUrl.jwt}`);
  });

  it("signs RS256 with the service account's key, naming the key id", () => {
    const { header, signatureValid } = decode(saveUrl.jwt);
    expect(header).toEqual({ alg: 'RS256', typ: 'JWT', kid: account.serviceAccount.privateKeyId });
    expect(signatureValid).toBe(true);
  });

  it('carries the claims Google reads', () => {
    expect(decode(saveUrl.jwt).claims).toEqual({
      iss: account.serviceAccount.clientEmail,
      aud: 'google',
      typ: 'savetowallet',
      iat: issuedAt.getTime() / 1000,
      origins: ['https://wallet.bean-there.example.com'],
      payload: { loyaltyClasses: [loyaltyClass], loyaltyObjects: [loyaltyObject] },
    });
  });

  it('leaves loyaltyClasses out of the payload when no class is sent', () => {
    const { jwt } = createSaveUrl({ serviceAccount: account.serviceAccount, origins: [], loyaltyObjects: [{ id: loyaltyObject.id }] });
    expect(decode(jwt).claims['payload']).toEqual({ loyaltyObjects: [{ id: loyaltyObject.id }] });
  });

  it('omits kid when the key file has no private_key_id', () => {
    const { privateKeyId: _dropped, ...withoutKeyId } = account.serviceAccount;
    const { jwt } = createSaveUrl({ serviceAccount: withoutKeyId, origins: [], loyaltyObjects: [loyaltyObject] });
    expect(decode(jwt).header).toEqual({ alg: 'RS256', typ: 'JWT' });
  });

  it("refuses resources of another issuer when the issuer is given", () => {
    expect(() =>
      createSaveUrl({ serviceAccount: account.serviceAccount, issuerId: '3388000000099999999', origins: [], loyaltyObjects: [loyaltyObject] }),
    ).toThrow(RangeError);
  });

  it('refuses an empty payload', () => {
    expect(() => createSaveUrl({ serviceAccount: account.serviceAccount, origins: [], loyaltyObjects: [] })).toThrow(RangeError);
  });
});

describe('createLeanSaveUrl', () => {
  const base = { serviceAccount: account.serviceAccount, origins: [], loyaltyClass, loyaltyObject };

  it('references an inserted object by id only (the skinny JWT), far under 1,800 characters', () => {
    const saveUrl = createLeanSaveUrl({ ...base, inserted: { class: true, object: true } });

    expect(saveUrl.form).toBe('object-reference');
    expect(decode(saveUrl.jwt).claims['payload']).toEqual({ loyaltyObjects: [{ id: loyaltyObject.id, classId: loyaltyClass.id }] });
    expect(saveUrl.url.length).toBeLessThan(1000);
  });

  it('sends the object without the class body when only the class was inserted, still under 1,800', () => {
    const saveUrl = createLeanSaveUrl({ ...base, inserted: { class: true, object: false } });

    expect(saveUrl.form).toBe('object-only');
    expect(decode(saveUrl.jwt).claims['payload']).toEqual({ loyaltyObjects: [loyaltyObject] });
    expect(saveUrl.url.length).toBeLessThan(SAVE_URL_MAX_LENGTH);
  });

  it('sends class and object when nothing was inserted, which only a bare pass fits', () => {
    const { textModulesData: _modules, validTimeInterval: _validity, secondaryLoyaltyPoints: _tier, ...bare } = loyaltyObject;
    const saveUrl = createLeanSaveUrl({ ...base, loyaltyObject: bare, inserted: { class: false, object: false } });

    expect(saveUrl.form).toBe('class-and-object');
    expect(decode(saveUrl.jwt).claims['payload']).toEqual({ loyaltyClasses: [loyaltyClass], loyaltyObjects: [bare] });
    expect(saveUrl.url.length).toBeLessThan(SAVE_URL_MAX_LENGTH);
    // The realistic pass does not: this is why the platform inserts before linking.
    expect(() => createLeanSaveUrl({ ...base, inserted: { class: false, object: false } })).toThrow(SaveUrlTooLongError);
  });

  it('refuses to produce a link browsers would truncate, and says how to fix it', () => {
    const chatty = {
      ...loyaltyObject,
      textModulesData: Array.from({ length: 10 }, (_, n) => ({ id: `m${n}`, header: `Offer ${n}`, body: 'Two for one on all filter coffee this month' })),
    };

    const attempt = () => createLeanSaveUrl({ ...base, loyaltyObject: chatty, inserted: { class: true, object: false } });

    expect(attempt).toThrow(SaveUrlTooLongError);
    expect(attempt).toThrow(/insert the class and object through the API first/);
    expect(createLeanSaveUrl({ ...base, loyaltyObject: chatty, inserted: { class: true, object: true } }).url.length).toBeLessThan(SAVE_URL_MAX_LENGTH);
  });
});
