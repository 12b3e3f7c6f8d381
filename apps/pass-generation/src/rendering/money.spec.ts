import { formatMoney, majorUnits, minorDigits } from './money';

describe('money on passes', () => {
  it('knows each currency minor unit', () => {
    expect(minorDigits('EUR')).toBe(2);
    expect(minorDigits('JPY')).toBe(0);
    expect(minorDigits('BHD')).toBe(3);
  });

  it('turns minor units into major units and text', () => {
    expect(majorUnits(1250, 'EUR')).toBe(12.5);
    expect(majorUnits(1250, 'JPY')).toBe(1250);
    expect(formatMoney(1250, 'EUR')).toBe('€12.50');
    expect(formatMoney(1250, 'USD')).toBe('$12.50');
    expect(formatMoney(0, 'EUR')).toBe('€0.00');
  });
});
