import { validatePassJson } from './pass-json.validator';

function storeCard(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    formatVersion: 1,
    passTypeIdentifier: 'pass.com.example.loyalty',
    serialNumber: 'b1d3f0a2',
    teamIdentifier: 'ABCDE12345',
    organizationName: 'Example Coffee',
    description: 'Example Coffee loyalty card',
    webServiceURL: 'https://wallet.example.com/apple',
    authenticationToken: 'a-token-of-sixteen+',
    backgroundColor: 'rgb(20, 30, 40)',
    foregroundColor: '#ffffff',
    barcodes: [{ format: 'PKBarcodeFormatQR', message: 'M-1', messageEncoding: 'iso-8859-1' }],
    storeCard: {
      headerFields: [{ key: 'tier', label: 'Tier', value: 'Gold' }],
      primaryFields: [{ key: 'points', label: 'Points', value: 120, changeMessage: 'You now have %@ points' }],
      backFields: [{ key: 'terms', label: 'Terms', value: '' }],
    },
    ...overrides,
  };
}

function errorsOf(pass: object): string[] {
  const result = validatePassJson(pass);
  return result.ok ? [] : result.errors;
}

describe('validatePassJson', () => {
  it('accepts a complete store card', () => {
    expect(validatePassJson(storeCard())).toEqual({ ok: true });
  });

  it.each(['passTypeIdentifier', 'serialNumber', 'teamIdentifier', 'organizationName', 'description'])(
    'requires %s',
    (key) => {
      const pass = storeCard();
      delete pass[key];
      expect(errorsOf(pass)).toContain(`${key} is required and must be a non-empty string`);
    },
  );

  it('requires formatVersion 1', () => {
    expect(errorsOf(storeCard({ formatVersion: 2 }))).toContain('formatVersion must be 1');
    const pass = storeCard();
    delete pass.formatVersion;
    expect(errorsOf(pass)).toContain('formatVersion must be 1');
    expect(errorsOf(storeCard({ formatVersion: '1' }))).toContain('formatVersion must be 1');
  });

  it('requires an authenticationToken of 16+ characters with webServiceURL', () => {
    expect(errorsOf(storeCard({ authenticationToken: 'short' })).join('\n')).toMatch(/authenticationToken/);
    const pass = storeCard();
    delete pass.authenticationToken;
    expect(errorsOf(pass)).toContain('authenticationToken of at least 16 characters is required when webServiceURL is set');
    const withoutService = storeCard();
    delete withoutService.webServiceURL;
    delete withoutService.authenticationToken;
    expect(validatePassJson(withoutService)).toEqual({ ok: true });
  });

  it('requires exactly one pass style', () => {
    const none = storeCard();
    delete none.storeCard;
    expect(errorsOf(none).join('\n')).toMatch(/exactly one pass style is required .* found none/);
    expect(errorsOf(storeCard({ coupon: {} })).join('\n')).toMatch(/found coupon, storeCard/);
  });

  it('uses the passkit-generator model: bad colours, barcode formats and field values are errors', () => {
    expect(errorsOf(storeCard({ backgroundColor: 'blue' })).join('\n')).toMatch(/backgroundColor/);
    expect(errorsOf(storeCard({ barcodes: [{ format: 'PKBarcodeFormatQRish', message: 'x' }] })).join('\n')).toMatch(/format/);
    expect(errorsOf(storeCard({ storeCard: { primaryFields: [{ key: 'points' }] } })).join('\n')).toMatch(/value.*required/);
  });

  it('reports keys passkit-generator would silently drop', () => {
    expect(errorsOf(storeCard({ bakgroundColor: 'rgb(1,2,3)' })).join('\n')).toMatch(/bakgroundColor.*not allowed/);
  });

  it('catches duplicate field keys and change messages without %@', () => {
    const errors = errorsOf(
      storeCard({
        storeCard: {
          primaryFields: [{ key: 'points', value: 1, changeMessage: 'Points changed' }],
          secondaryFields: [{ key: 'points', value: 2 }],
        },
      }),
    );
    expect(errors).toContain('storeCard.secondaryFields[0]: field key "points" is used more than once');
    expect(errors).toContain('storeCard.primaryFields[0]: changeMessage must contain %@');
  });

  it('requires transitType on boarding passes and a pass. prefix on the type id', () => {
    const boarding = storeCard({ passTypeIdentifier: 'com.example.x' });
    delete boarding.storeCard;
    boarding.boardingPass = { primaryFields: [{ key: 'from', value: 'SFO' }] };
    const errors = errorsOf(boarding);
    expect(errors).toContain('boardingPass requires transitType');
    expect(errors).toContain('passTypeIdentifier must start with "pass."');
  });

  it('limits locations to 10', () => {
    const locations = Array.from({ length: 11 }, () => ({ latitude: 1, longitude: 2 }));
    expect(errorsOf(storeCard({ locations }))).toContain('locations may hold at most 10 entries');
  });

  it('rejects non-objects', () => {
    expect(validatePassJson([] as unknown as object)).toEqual({ ok: false, errors: ['pass.json must be a JSON object'] });
  });
});
