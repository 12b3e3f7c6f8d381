import { signRs256Jwt } from '../save-url/rs256-jwt';
import { FakeGoogleWalletServer } from './fake-google-wallet.server';
import { WALLET_SCOPE } from './self-signed-jwt.verifier';
import { createTestServiceAccount } from './test-service-account';

const ISSUER_ID = '3388000000022222222';
const NOW_S = 1_767_225_600; // 2026-01-01T00:00:00Z

describe('FakeGoogleWalletServer', () => {
  const account = createTestServiceAccount();
  const email = account.serviceAccount.clientEmail;
  const fake = new FakeGoogleWalletServer({ now: () => NOW_S * 1000 });
  let url: string;

  const bearer = (claims: Record<string, unknown>, serviceAccount = account.serviceAccount): string =>
    `Bearer ${signRs256Jwt(serviceAccount, { iss: email, sub: email, scope: WALLET_SCOPE, iat: NOW_S, exp: NOW_S + 3600, ...claims })}`;
  const call = async (method: string, path: string, authorization?: string, body?: unknown) => {
    const response = await fetch(new URL(path, url), {
      method,
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as { error?: { errors: { reason: string }[] } } };
  };

  beforeAll(async () => {
    fake.registerServiceAccount(account, { issuerIds: [ISSUER_ID] });
    ({ url } = await fake.start());
  });

  afterAll(() => fake.stop());

  it.each([
    ['no bearer', undefined],
    ['an opaque access token', 'Bearer ya29.a0AfH6SMBexample'],
    ['an expired JWT', bearer({ iat: NOW_S - 7200, exp: NOW_S - 3600 })],
    ['a JWT living longer than an hour', bearer({ exp: NOW_S + 7200 })],
    ['a JWT whose sub differs from iss', bearer({ sub: 'someone@example.com' })],
    ['a JWT signed by another key', bearer({}, createTestServiceAccount().serviceAccount)],
  ])('answers 401 to %s and records the refusal', async (_case, authorization) => {
    const response = await call('GET', `/walletobjects/v1/loyaltyClass/${ISSUER_ID}.any`, authorization);

    expect(response.status).toBe(401);
    const recorded = fake.requests.at(-1);
    expect(recorded).toMatchObject({ status: 401, identity: null, authError: expect.any(String) });
  });

  it('answers 403 to a verified JWT without the wallet scope', async () => {
    const response = await call('GET', `/walletobjects/v1/loyaltyClass/${ISSUER_ID}.any`, bearer({ scope: 'https://www.googleapis.com/auth/cloud-platform' }));
    expect(response.status).toBe(403);
  });

  it('accepts the audience form google-auth-library uses without scopes', async () => {
    const response = await call('GET', `/walletobjects/v1/loyaltyClass/${ISSUER_ID}.none`, bearer({ scope: undefined, aud: 'https://walletobjects.googleapis.com/' }));
    expect(response.status).toBe(404);
  });

  it("answers 403 when the account is not allowed on the resource's issuer", async () => {
    const response = await call('POST', '/walletobjects/v1/loyaltyClass', bearer({}), { id: '3388000000099999999.c', issuerName: 'I', programName: 'P', reviewStatus: 'UNDER_REVIEW' });
    expect(response).toMatchObject({ status: 403, body: { error: { errors: [{ reason: 'permissionDenied' }] } } });
  });

  it('refuses an object whose class does not exist', async () => {
    const response = await call('POST', '/walletobjects/v1/loyaltyObject', bearer({}), { id: `${ISSUER_ID}.o`, classId: `${ISSUER_ID}.missing`, state: 'ACTIVE' });
    expect(response).toMatchObject({ status: 400, body: { error: { errors: [{ reason: 'invalidResource' }] } } });
  });

  it('refuses more than 10 merchant locations, points out of range and localized strings without a default', async () => {
    const classBody = { id: `${ISSUER_ID}.content`, issuerName: 'I', programName: 'P', reviewStatus: 'UNDER_REVIEW' };
    expect((await call('POST', '/walletobjects/v1/loyaltyClass', bearer({}), classBody)).status).toBe(200);
    const object = (id: string, extra: Record<string, unknown>) => ({ id: `${ISSUER_ID}.${id}`, classId: classBody.id, state: 'ACTIVE', ...extra });
    const point = { latitude: 48.85, longitude: 2.29 };
    const label = { defaultValue: { language: 'en', value: 'Points' }, translatedValues: [{ language: 'de', value: 'Punkte' }] };
    const refused = [
      object('many', { merchantLocations: Array.from({ length: 11 }, () => point) }),
      object('far', { merchantLocations: [{ latitude: 91, longitude: 0 }] }),
      object('nodefault', { loyaltyPoints: { label: 'Points', localizedLabel: { translatedValues: [{ language: 'de', value: 'Punkte' }] } } }),
      object('badtranslation', { textModulesData: [{ header: 'H', body: 'B', localizedBody: { ...label, translatedValues: [{ value: 'x' }] } }] }),
    ];
    for (const body of refused) {
      expect(await call('POST', '/walletobjects/v1/loyaltyObject', bearer({}), body)).toMatchObject({ status: 400, body: { error: { errors: [{ reason: 'invalidResource' }] } } });
    }
    const accepted = object('fine', { merchantLocations: [point], loyaltyPoints: { label: 'Points', localizedLabel: label } });
    expect((await call('POST', '/walletobjects/v1/loyaltyObject', bearer({}), accepted)).status).toBe(200);
  });

  it('waitFor resolves with a request that arrives after it was called', async () => {
    const waiting = fake.waitFor((r) => r.path === `/walletobjects/v1/loyaltyObject/${ISSUER_ID}.later`);

    await call('GET', `/walletobjects/v1/loyaltyObject/${ISSUER_ID}.later`, bearer({}));

    await expect(waiting).resolves.toMatchObject({ method: 'GET', identity: email, status: 404 });
  });

  it('waitFor rejects at its deadline, listing what did arrive', async () => {
    await expect(fake.waitFor((r) => r.path === '/never', 50)).rejects.toThrow(/No matching request within 50 ms; requests seen: .*GET/);
  });
});
