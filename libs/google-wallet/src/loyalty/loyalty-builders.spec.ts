import { buildLoyaltyClass } from './loyalty-class.builder';
import { buildLoyaltyObject, type LoyaltyObjectInput } from './loyalty-object.builder';

const ISSUER_ID = '3388000000022222222';

describe('buildLoyaltyClass', () => {
  it('builds the class Google requires, ready for review', () => {
    expect(
      buildLoyaltyClass({
        issuerId: ISSUER_ID,
        classSuffix: 'tenant-42',
        programName: 'Coffee Club',
        issuerName: 'Bean There',
        hexBackgroundColor: '#3b2f2f',
        logoUri: 'https://cdn.example.com/logo.png',
      }),
    ).toEqual({
      id: `${ISSUER_ID}.tenant-42`,
      issuerName: 'Bean There',
      programName: 'Coffee Club',
      reviewStatus: 'UNDER_REVIEW',
      programLogo: { sourceUri: { uri: 'https://cdn.example.com/logo.png' } },
      hexBackgroundColor: '#3b2f2f',
    });
  });

  it('leaves out the optional look when none is given', () => {
    const built = buildLoyaltyClass({ issuerId: ISSUER_ID, classSuffix: 'x', programName: 'P', issuerName: 'I' });
    expect(built).not.toHaveProperty('programLogo');
    expect(built).not.toHaveProperty('hexBackgroundColor');
  });

  it("replaces characters Google does not allow in ids with '_'", () => {
    const built = buildLoyaltyClass({ issuerId: ISSUER_ID, classSuffix: 'Café Club/2024 v1.2', programName: 'P', issuerName: 'I' });
    expect(built.id).toBe(`${ISSUER_ID}.Caf__Club_2024_v1.2`);
  });

  it.each([['3b2f2f'], ['#12345'], ['red']])('rejects the colour %s', (hexBackgroundColor) => {
    expect(() => buildLoyaltyClass({ issuerId: ISSUER_ID, classSuffix: 'x', programName: 'P', issuerName: 'I', hexBackgroundColor })).toThrow(RangeError);
  });

  it('rejects an issuer id that is not the console number', () => {
    expect(() => buildLoyaltyClass({ issuerId: 'issuer.1', classSuffix: 'x', programName: 'P', issuerName: 'I' })).toThrow(/issuer id/);
  });
});

describe('buildLoyaltyObject', () => {
  const input: LoyaltyObjectInput = {
    issuerId: ISSUER_ID,
    objectSuffix: '6f1c2a9e-2d7b-4a51-9c8e-0b3f5d7a1e22',
    classId: `${ISSUER_ID}.tenant-42`,
    accountId: '12345678',
    accountName: 'Ada Lovelace',
    points: 156,
    barcodeValue: '12345678',
    state: 'ACTIVE',
  };

  it('builds the loyaltyObject shape Google Wallet accepts', () => {
    expect(buildLoyaltyObject(input)).toEqual({
      id: `${ISSUER_ID}.6f1c2a9e-2d7b-4a51-9c8e-0b3f5d7a1e22`,
      classId: `${ISSUER_ID}.tenant-42`,
      state: 'ACTIVE',
      accountId: '12345678',
      accountName: 'Ada Lovelace',
      loyaltyPoints: { label: 'Points', balance: { int: 156 } },
      barcode: { type: 'QR_CODE', value: '12345678', alternateText: '12345678' },
    });
  });

  it('shows stored value as Google money in the secondary slot, with the tier moved to a text module', () => {
    const built = buildLoyaltyObject({ ...input, tier: 'Gold', money: { micros: 12_500_000, currencyCode: 'EUR' } });
    expect(built.secondaryLoyaltyPoints).toEqual({ label: 'Balance', balance: { money: { micros: '12500000', currencyCode: 'EUR' } } });
    expect(built.textModulesData).toEqual([expect.objectContaining({ id: 'tier', header: 'Tier', body: 'Gold' })]);
  });

  it("shows the member's tier, text modules and validity", () => {
    const built = buildLoyaltyObject({
      ...input,
      tier: 'Gold',
      barcodeType: 'CODE_128',
      state: 'EXPIRED',
      textModules: [{ header: 'Member since', body: '2021', id: 'member since' }],
      validTimeInterval: { start: new Date('2025-01-01T00:00:00Z'), end: '2025-12-31T23:59:59+02:00' },
    });

    expect(built).toMatchObject({
      state: 'EXPIRED',
      barcode: { type: 'CODE_128' },
      secondaryLoyaltyPoints: { label: 'Tier', balance: { string: 'Gold' } },
      textModulesData: [{ header: 'Member since', body: '2021', id: 'member_since' }],
      validTimeInterval: { start: { date: '2025-01-01T00:00:00.000Z' }, end: { date: '2025-12-31T21:59:59.000Z' } },
    });
  });

  it.each([[1.5], [2 ** 31], [Number.NaN]])('rejects %p points, which Google cannot hold as an int32', (points) => {
    expect(() => buildLoyaltyObject({ ...input, points })).toThrow(RangeError);
  });

  it('rejects an invalid validity date', () => {
    expect(() => buildLoyaltyObject({ ...input, validTimeInterval: { end: 'someday' } })).toThrow(/invalid date/);
  });
});

describe('buildLoyaltyObject with pass content', () => {
  const base: LoyaltyObjectInput = {
    issuerId: ISSUER_ID,
    objectSuffix: 'pass-1',
    classId: `${ISSUER_ID}.class`,
    accountId: 'M-1',
    accountName: 'Ada',
    points: 42,
    tier: 'gold',
    barcodeValue: 'M-1',
    state: 'ACTIVE',
  };

  it('writes merchantLocations (and the older locations) and translatedValues on the texts that have translations', () => {
    const object = buildLoyaltyObject({
      ...base,
      locations: [{ latitude: 48.8584, longitude: 2.2945 }],
      pointsLabelTranslations: [{ language: 'de', value: 'Punkte' }],
      textModules: [{ id: 'hours', header: 'Hours', body: '9-5', headerTranslations: [{ language: 'fr', value: 'Horaires' }] }],
    });
    expect(object.merchantLocations).toEqual([{ latitude: 48.8584, longitude: 2.2945 }]);
    expect(object.locations).toEqual([{ kind: 'walletobjects#latLongPoint', latitude: 48.8584, longitude: 2.2945 }]);
    expect(object.loyaltyPoints?.localizedLabel).toEqual({ defaultValue: { language: 'en', value: 'Points' }, translatedValues: [{ language: 'de', value: 'Punkte' }] });
    expect(object.secondaryLoyaltyPoints).not.toHaveProperty('localizedLabel');
    expect(object.textModulesData?.[0]).toEqual({
      header: 'Hours',
      body: '9-5',
      id: 'hours',
      localizedHeader: { defaultValue: { language: 'en', value: 'Hours' }, translatedValues: [{ language: 'fr', value: 'Horaires' }] },
    });
  });

  it('with clearMissing, sends null for locations and label translations it no longer has, so a patch clears them', () => {
    const object = buildLoyaltyObject({ ...base, clearMissing: true, textModules: [{ header: 'H', body: 'B' }] });
    expect(object).toMatchObject({ merchantLocations: null, locations: null });
    expect(object.loyaltyPoints?.localizedLabel).toBeNull();
    expect(object.secondaryLoyaltyPoints?.localizedLabel).toBeNull();
    expect(object.textModulesData?.[0]).toEqual({ header: 'H', body: 'B' });
    expect(buildLoyaltyObject(base)).not.toHaveProperty('merchantLocations');
  });

  it('refuses more than 10 locations and points out of range', () => {
    expect(() => buildLoyaltyObject({ ...base, locations: Array.from({ length: 11 }, () => ({ latitude: 0, longitude: 0 })) })).toThrow(RangeError);
    expect(() => buildLoyaltyObject({ ...base, locations: [{ latitude: 0, longitude: 181 }] })).toThrow(RangeError);
  });
});
