import { expiryOf } from './coupon-expiry';

const now = new Date('2026-06-01T12:00:00Z');

describe('expiryOf (when an issued coupon pass expires)', () => {
  it('is valid_days after the issue, or never without validity', () => {
    expect(expiryOf({ validDays: 30, expiresAt: null }, undefined, now)).toEqual(new Date('2026-07-01T12:00:00Z'));
    expect(expiryOf({ validDays: null, expiresAt: null }, undefined, now)).toBeNull();
  });

  it('takes the date asked for over valid_days', () => {
    expect(expiryOf({ validDays: 30, expiresAt: null }, '2026-06-05T00:00:00Z', now)).toEqual(new Date('2026-06-05T00:00:00Z'));
  });

  it("never outlives the offer's end", () => {
    const end = new Date('2026-06-10T00:00:00Z');
    expect(expiryOf({ validDays: 30, expiresAt: end }, undefined, now)).toEqual(end);
    expect(expiryOf({ validDays: null, expiresAt: end }, '2027-01-01T00:00:00Z', now)).toEqual(end);
    expect(expiryOf({ validDays: null, expiresAt: end }, undefined, now)).toEqual(end);
  });
});
