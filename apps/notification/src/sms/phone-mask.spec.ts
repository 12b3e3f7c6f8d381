import { maskPhoneNumber } from './phone-mask';

describe('maskPhoneNumber', () => {
  it('keeps the first digit of the country code and the last four digits only', () => {
    expect(maskPhoneNumber('+14155550123')).toBe('+1******0123');
    expect(maskPhoneNumber('+447700900123')).toBe('+4*******0123');
  });

  it('never returns the number itself', () => {
    for (const number of ['+12345678', '+123456789012345']) {
      expect(maskPhoneNumber(number)).not.toContain(number.slice(1, -4));
    }
  });
});
