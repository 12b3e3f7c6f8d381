import { BUILT_IN_COUPON_LOOK, BUILT_IN_LOOK, DEFAULT_FIELDS } from '../rendering/pass-look';
import type { PassStyle } from './pass-style.entity';
import { lookOfPass } from './style-look';

const style = (kind: PassStyle['kind'], transitType: PassStyle['transitType'] = null): PassStyle =>
  ({
    id: 'style-1',
    kind,
    transitType,
    brandColors: { foreground_color: 'rgb(0, 0, 0)', background_color: 'rgb(255, 255, 255)', label_color: 'rgb(0, 0, 0)' },
    assets: { apple: {}, google: {} },
    barcode: { format: 'PKBarcodeFormatQR', message: '{member_id}', alt_text: null },
    fields: DEFAULT_FIELDS,
    content: {},
  }) as unknown as PassStyle;

describe('lookOfPass', () => {
  it('gives a coupon pass the coupon kind whatever its style, and the built-in coupon look without one', () => {
    expect(lookOfPass({ couponId: 'c-1', kind: 'coupon' }, null)).toBe(BUILT_IN_COUPON_LOOK);
    expect(BUILT_IN_COUPON_LOOK.kind).toBe('coupon');
    expect(lookOfPass({ couponId: 'c-1', kind: 'coupon' }, style('coupon')).kind).toBe('coupon');
    // A row made before passes stored their kind still renders as the coupon it is.
    expect(lookOfPass({ couponId: 'c-1', kind: 'store_card' }, style('store_card')).kind).toBe('coupon');
  });

  it("keeps the pass's own kind when its style now has another, and the built-in card look without a style", () => {
    expect(lookOfPass({ couponId: null, kind: 'store_card' }, null)).toBe(BUILT_IN_LOOK);
    expect(lookOfPass({ couponId: null, kind: 'event_ticket' }, style('store_card')).kind).toBe('event_ticket');
    expect(lookOfPass({ couponId: null, kind: 'store_card' }, style('boarding_pass', 'air'))).toEqual(expect.objectContaining({ kind: 'store_card', transitType: null }));
    expect(lookOfPass({ couponId: null, kind: 'boarding_pass' }, style('boarding_pass', 'bus'))).toEqual(expect.objectContaining({ kind: 'boarding_pass', transitType: 'bus' }));
  });
});
