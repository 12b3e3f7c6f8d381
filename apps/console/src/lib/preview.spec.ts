import { SAMPLE_MEMBER, fillPlaceholders, previewModel, toCssColour, toHex } from './preview';
import { emptyStyleForm, previewStyleFromForm, styleDtoFromForm, styleFormFromView } from './style-form';

describe('pass preview', () => {
  test('fills every contract placeholder from the sample member and leaves unknown braces alone', () => {
    expect(fillPlaceholders('{member_name} ({member_id}) has {points} points, {tier} at {company_name}; {nickname}', SAMPLE_MEMBER)).toBe(
      'Alex Sample (M-000123) has 156 points, Gold at Your company; {nickname}',
    );
  });

  test('reads colours in both contract forms, as the browser reports them, and refuses others', () => {
    expect(toCssColour('#1F3A5F')).toBe('rgb(31, 58, 95)');
    expect(toCssColour('rgb( 1,2 ,3)')).toBe('rgb(1, 2, 3)');
    expect(toCssColour('rgb(256,0,0)')).toBeNull();
    expect(toCssColour('red')).toBeNull();
    expect(toHex('rgb(31, 58, 95)')).toBe('#1f3a5f');
    expect(toHex('nonsense')).toBe('#000000');
  });

  test('draws the front: colours, fields with filled placeholders, the barcode defaulting to the member id', () => {
    const model = previewModel({
      brand_colors: { background_color: '#123456', foreground_color: 'rgb(255,255,255)', label_color: 'bad' },
      header_fields: [{ key: 'points', label: 'Points', value: '{points}' }],
      primary_fields: [{ key: 'name', label: null, value: '{member_name}' }],
      secondary_fields: [{ key: '', label: '', value: '' }],
      barcode: { format: 'PKBarcodeFormatQR' },
      logo_url: '/v1/assets/public/abc.png',
    });
    expect(model).toMatchObject({
      background: 'rgb(18, 52, 86)',
      foreground: 'rgb(255, 255, 255)',
      // An invalid colour shows the fleet's default rather than nothing.
      label: 'rgb(0, 0, 0)',
      logoUrl: '/v1/assets/public/abc.png',
      stripUrl: null,
      header: [{ key: 'points', label: 'Points', value: '156' }],
      primary: [{ key: 'name', label: '', value: 'Alex Sample' }],
      secondary: [],
      barcode: { format: 'QR', message: 'M-000123', altText: null },
    });
    expect(previewModel({}).barcode).toBeNull();
  });

  test('the editor form round-trips through the API shape and drops blank field rows', () => {
    const form = { ...emptyStyleForm(), name: 'Gold', logo: 'logo.png' };
    const dto = styleDtoFromForm(form);
    expect(dto).toMatchObject({
      name: 'Gold',
      assets: { apple: { logo: 'logo.png' } },
      barcode: { format: 'PKBarcodeFormatQR' },
      secondary_fields: [{ key: 'tier', label: 'Tier', value: '{tier}' }],
      auxiliary_fields: [],
    });
    const back = styleFormFromView({ ...dto, is_default: false, barcode: { format: 'PKBarcodeFormatQR', message: '' }, assets: { apple: { logo: 'logo.png' } } } as never);
    expect(back.name).toBe('Gold');
    expect(back.logo).toBe('logo.png');
    expect(back.secondary_fields).toHaveLength(2);
    const preview = previewStyleFromForm(back, (name) => `/img/${name}`);
    expect(preview.logo_url).toBe('/img/logo.png');
    expect(previewModel(preview).secondary).toEqual([{ key: 'tier', label: 'Tier', value: 'Gold' }]);
  });
});
