import { validatePassJson } from '@wp/pkpass';
import { PassJsonInput, buildPassJson, withPointsAndTier } from './pass-json.builder';
import { BUILT_IN_COUPON_LOOK, BUILT_IN_LOOK, FieldTemplates, PassLook } from './pass-look';

const noFields: FieldTemplates = { header: [], primary: [], secondary: [], auxiliary: [], back: [] };

const seedLook: PassLook = {
  styleId: 'style-1',
  kind: 'store_card',
  transitType: null,
  colors: { foreground: { r: 255, g: 255, b: 255 }, background: { r: 255, g: 107, b: 53 }, label: { r: 255, g: 255, b: 255 } },
  barcode: { format: 'PKBarcodeFormatQR', message: '{member_id}', altText: null },
  fields: {
    ...noFields,
    primary: [{ key: 'tier', label: 'Membership', value: '{tier}', change_message: null }],
    back: [{ key: 'website', label: 'Website', value: 'https://walletpass.ai', change_message: null }],
  },
  assets: { apple: { logo: 'logo.png', strip: 'strip.png' }, google: {} },
  content: {},
};

function input(overrides: Partial<PassJsonInput> = {}): PassJsonInput {
  return {
    identity: { passTypeIdentifier: 'pass.com.example.loyalty', teamIdentifier: 'ABCDE12345' },
    serialNumber: '7b0f3c1e-0000-4000-8000-000000000001',
    organizationName: 'My Company',
    webService: { url: 'https://wallet.example.com/apple', authenticationToken: 'a'.repeat(32) },
    holder: { memberId: 'MEMBER-001', memberName: 'John Doe', points: 150, tier: 'silver' },
    look: seedLook,
    state: { status: 'active', expirationDate: null },
    ...overrides,
  };
}

type Field = { key: string; label?: string; value: unknown; changeMessage?: string };
/** The fields under whichever style key the pass has. */
const fieldsOf = (pass: Record<string, unknown>) =>
  Object.values((pass.storeCard ?? pass.coupon ?? pass.eventTicket ?? pass.generic ?? pass.boardingPass) as Record<string, Field[]>)
    .filter(Array.isArray)
    .flat();

describe('buildPassJson', () => {
  it('shows {balance} alone as a number with currencyCode, and inside text formatted in the currency', () => {
    const look: PassLook = {
      ...seedLook,
      fields: {
        ...noFields,
        primary: [{ key: 'balance', label: 'Balance', value: '{balance}', change_message: null }],
        secondary: [{ key: 'line', label: 'Card', value: '{balance} left', change_message: null }],
      },
    };
    const pass = buildPassJson(input({ look, holder: { memberId: 'M-1', memberName: null, points: 0, tier: 'bronze', balance: { minor: 1250, currency: 'EUR' } } }));
    expect(validatePassJson(pass)).toEqual({ ok: true });
    expect(fieldsOf(pass).find((f) => f.key === 'balance')).toEqual({ key: 'balance', label: 'Balance', value: 12.5, currencyCode: 'EUR', changeMessage: 'Your balance is now %@' });
    expect(fieldsOf(pass).find((f) => f.key === 'line')?.value).toBe('€12.50 left');
  });

  it('shows a coupon: the coupon style key, its title, the serial in the barcode, no forced points or tier', () => {
    const pass = buildPassJson(input({ look: BUILT_IN_COUPON_LOOK, holder: { memberId: 'M-1', memberName: 'Ada', points: 10, tier: 'gold', serialNumber: 'SERIAL-1', couponTitle: 'Free coffee' } }));
    expect(validatePassJson(pass)).toEqual({ ok: true });
    expect(pass).not.toHaveProperty('storeCard');
    expect(pass.coupon).toEqual(expect.objectContaining({ primaryFields: [expect.objectContaining({ key: 'offer' })] }));
    expect(pass.description).toBe('My Company: Free coffee');
    expect((pass.barcodes as Array<{ message: string }>)[0].message).toBe('SERIAL-1');
    expect(fieldsOf(pass).map((f) => [f.key, f.value])).toEqual([
      ['offer', 'Free coffee'],
      ['member', 'Ada'],
      ['issuer', 'My Company'],
    ]);
  });

  it("puts the holder's message first on the back, with a changeMessage that shows it on the lock screen", () => {
    const look: PassLook = { ...seedLook, fields: { ...seedLook.fields, back: [{ key: 'wp_message', label: 'Taken', value: 'x', change_message: null }] } };
    const pass = buildPassJson(input({ look, message: 'Double points this weekend!' }));
    expect(validatePassJson(pass)).toEqual({ ok: true });
    const back = (pass.storeCard as Record<string, Field[]>).backFields;
    expect(back[0]).toEqual({ key: 'wp_message_2', label: 'Message', value: 'Double points this weekend!', changeMessage: '%@' });
    expect(back[0].changeMessage).toContain('%@');
    expect(fieldsOf(buildPassJson(input())).some((field) => field.key.startsWith('wp_message'))).toBe(false);
  });

  it("builds a storeCard Apple's model accepts, with every required key", () => {
    const pass = buildPassJson(input());
    expect(validatePassJson(pass)).toEqual({ ok: true });
    expect(pass).toMatchObject({
      formatVersion: 1,
      passTypeIdentifier: 'pass.com.example.loyalty',
      teamIdentifier: 'ABCDE12345',
      serialNumber: '7b0f3c1e-0000-4000-8000-000000000001',
      organizationName: 'My Company',
      description: 'My Company loyalty card',
      webServiceURL: 'https://wallet.example.com/apple',
      authenticationToken: 'a'.repeat(32),
      foregroundColor: 'rgb(255, 255, 255)',
      backgroundColor: 'rgb(255, 107, 53)',
      labelColor: 'rgb(255, 255, 255)',
      barcodes: [{ format: 'PKBarcodeFormatQR', message: 'MEMBER-001', messageEncoding: 'iso-8859-1' }],
    });
    expect(pass).not.toHaveProperty('voided');
    expect(pass).not.toHaveProperty('expirationDate');
  });

  it('renders placeholders and puts a changeMessage with %@ on the points and tier fields', () => {
    const fields = fieldsOf(buildPassJson(input()));
    expect(fields.find((f) => f.key === 'tier')).toEqual({ key: 'tier', label: 'Membership', value: 'silver', changeMessage: 'Your tier is now %@' });
    // The seed's style shows no points: the card gets a points field anyway, as a number.
    expect(fields.find((f) => f.key === 'points')).toEqual({ key: 'points', label: 'Points', value: 150, changeMessage: 'You now have %@ points' });
    expect(fields.find((f) => f.key === 'website')).toEqual({ key: 'website', label: 'Website', value: 'https://walletpass.ai' });
    for (const field of fields) if (field.changeMessage) expect(field.changeMessage).toContain('%@');
  });

  it('keeps field keys unique when the style already uses the key "points" for something else', () => {
    const look: PassLook = { ...seedLook, fields: { ...noFields, secondary: [{ key: 'points', label: 'Name', value: '{member_name}', change_message: null }] } };
    const pass = buildPassJson(input({ look }));
    expect(validatePassJson(pass)).toEqual({ ok: true });
    const keys = fieldsOf(pass).map((f) => f.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(fieldsOf(pass).find((f) => f.value === 150)?.key).toBe('points_2');
  });

  it('gives mixed text a changeMessage that names the field, and honours one the style sets', () => {
    const look: PassLook = {
      ...seedLook,
      fields: {
        ...noFields,
        secondary: [
          { key: 'summary', label: 'Status', value: '{tier} with {points} pts', change_message: null },
          { key: 'balance', label: 'Balance', value: '{points}', change_message: 'Balance: %@' },
        ],
      },
    };
    const fields = fieldsOf(buildPassJson(input({ look })));
    expect(fields.find((f) => f.key === 'summary')).toEqual({ key: 'summary', label: 'Status', value: 'silver with 150 pts', changeMessage: 'Status: %@' });
    expect(fields.find((f) => f.key === 'balance')?.changeMessage).toBe('Balance: %@');
  });

  it('uses the built-in card when the style defines no fields', () => {
    const pass = buildPassJson(input({ look: BUILT_IN_LOOK }));
    expect(validatePassJson(pass)).toEqual({ ok: true });
    expect(pass.storeCard).toMatchObject({
      headerFields: [{ key: 'tier', value: 'silver' }],
      primaryFields: [{ key: 'points', value: 150 }],
      secondaryFields: [{ key: 'member', value: 'John Doe' }],
      auxiliaryFields: [{ key: 'member_id', value: 'MEMBER-001' }],
      backFields: [{ key: 'programme', value: 'My Company loyalty programme' }],
    });
    expect(pass.backgroundColor).toBe('rgb(67, 56, 202)');
    expect(pass.barcodes).toEqual([{ format: 'PKBarcodeFormatQR', message: 'MEMBER-001', messageEncoding: 'iso-8859-1', altText: 'MEMBER-001' }]);
  });

  it.each([
    ['voided', true],
    ['blocked', true],
    ['redeemed', true],
    ['expired', undefined],
    ['active', undefined],
  ] as const)('marks a %s pass voided: %s', (status, voided) => {
    const pass = buildPassJson(input({ state: { status, expirationDate: null } }));
    expect(pass.voided).toBe(voided);
    expect(validatePassJson(pass)).toEqual({ ok: true });
  });

  it('writes expirationDate as an ISO 8601 date-time', () => {
    const pass = buildPassJson(input({ state: { status: 'expired', expirationDate: new Date('2026-03-01T12:30:45.678Z') } }));
    expect(pass.expirationDate).toBe('2026-03-01T12:30:45Z');
    expect(validatePassJson(pass)).toEqual({ ok: true });
  });

  it('leaves webServiceURL and authenticationToken out of a pass that is never updated', () => {
    const pass = buildPassJson(input({ webService: null }));
    expect(pass).not.toHaveProperty('webServiceURL');
    expect(pass).not.toHaveProperty('authenticationToken');
    expect(validatePassJson(pass)).toEqual({ ok: true });
  });

  it('places missing points and tier fields where there is room', () => {
    const full = (area: string, n: number) => Array.from({ length: n }, (_, i) => ({ key: `${area}${i}`, label: null, value: 'x', change_message: null }));
    const fields = withPointsAndTier({ header: full('h', 3), primary: [], secondary: full('s', 4), auxiliary: full('a', 3), back: [] });
    expect(fields.auxiliary.map((f) => f.value)).toEqual(['{points}', 'x', 'x', 'x']);
    expect(fields.back.map((f) => f.value)).toEqual(['{tier}']);
  });
});

describe('pass content in pass.json', () => {
  const key = 'MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE' + 'A'.repeat(88);

  it("writes locations, maxDistance, relevantDate(s), beacons and nfc with Apple's key names, placeholders filled in", () => {
    const pass = buildPassJson(
      input({
        content: {
          locations: [{ latitude: 48.8584, longitude: 2.2945, altitude: 35, relevant_text: 'Hi {member_name}' }, { latitude: -33.86, longitude: 151.21 }],
          max_distance: 150,
          relevant_date: '2026-05-01T20:00:00+02:00',
          beacons: [{ proximity_uuid: 'E2C56DB5-DFFB-48D2-B060-D0F5A71096E0', major: 1, minor: 65535, relevant_text: '{points} points' }],
          nfc: { message: '{member_id}', encryption_public_key: key },
        },
      }),
    );
    expect(pass).toMatchObject({
      locations: [{ latitude: 48.8584, longitude: 2.2945, altitude: 35, relevantText: 'Hi John Doe' }, { latitude: -33.86, longitude: 151.21 }],
      maxDistance: 150,
      relevantDate: '2026-05-01T18:00:00Z',
      relevantDates: [{ date: '2026-05-01T18:00:00Z', relevantDate: '2026-05-01T18:00:00Z' }],
      beacons: [{ proximityUUID: 'E2C56DB5-DFFB-48D2-B060-D0F5A71096E0', major: 1, minor: 65535, relevantText: '150 points' }],
      nfc: { message: 'MEMBER-001', encryptionPublicKey: key },
    });
    expect((pass.locations as object[])[1]).toEqual({ latitude: -33.86, longitude: 151.21 });
    expect(validatePassJson(pass)).toEqual({ ok: true });
  });

  it('cuts a rendered NFC message to 64 bytes without splitting a character, so the pass stays valid', () => {
    const pass = buildPassJson(input({ holder: { memberId: 'M', memberName: 'é'.repeat(40), points: 1, tier: 't' }, content: { nfc: { message: '{member_name}', encryption_public_key: key } } }));
    expect((pass.nfc as { message: string }).message).toBe('é'.repeat(32));
    expect(validatePassJson(pass)).toEqual({ ok: true });
  });

  it('leaves every content key out when there is none', () => {
    const pass = buildPassJson(input({ content: {} }));
    for (const absent of ['locations', 'maxDistance', 'relevantDate', 'relevantDates', 'beacons', 'nfc']) expect(pass).not.toHaveProperty(absent);
  });
});

describe('pass kinds (spec/API.md §8.7)', () => {
  it.each([
    ['coupon', null, 'coupon'],
    ['event_ticket', null, 'eventTicket'],
    ['generic', null, 'generic'],
    ['boarding_pass', 'train', 'boardingPass'],
  ] as const)('a %s style renders under %s (valid pass.json, no forced points or tier)', (kind, transitType, key) => {
    const pass = buildPassJson(input({ look: { ...seedLook, kind, transitType } }));
    expect(pass).not.toHaveProperty('storeCard');
    expect(pass[key]).toMatchObject({ primaryFields: [{ key: 'tier', label: 'Membership', value: 'silver' }] });
    expect(JSON.stringify(pass[key])).not.toContain('"points"');
    expect(validatePassJson(pass)).toEqual({ ok: true });
  });

  it('a boarding pass carries Apple\'s transit type and says what it is', () => {
    const pass = buildPassJson(input({ look: { ...seedLook, kind: 'boarding_pass', transitType: 'air' } }));
    expect(pass.boardingPass).toMatchObject({ transitType: 'PKTransitTypeAir' });
    expect(pass.description).toBe('My Company boarding pass');
  });
});
