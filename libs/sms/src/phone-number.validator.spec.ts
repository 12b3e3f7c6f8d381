import { isE164, isPossiblePhoneNumber } from './phone-number.validator';

describe('isE164', () => {
  it.each(['+1234567890', '+14155552671', '+447911123456', '+123456789012345'])('accepts %s', (n) => {
    expect(isE164(n)).toBe(true);
  });

  it.each([
    ['no plus', '14155552671'],
    ['leading zero country code', '+04155552671'],
    ['too short', '+1234567'],
    ['too long', '+1234567890123456'],
    ['spaces', '+1 415 555 2671'],
    ['dashes', '+1-415-555-2671'],
    ['trailing newline', '+14155552671\n'],
    ['empty', ''],
  ])('rejects %s', (_label, n) => {
    expect(isE164(n)).toBe(false);
  });
});

describe('isPossiblePhoneNumber', () => {
  it.each(['+14155552671', '+447911123456', '+33612345678', '+4915112345678'])('accepts the real-world number %s', (n) => {
    expect(isPossiblePhoneNumber(n)).toBe(true);
  });

  it("rejects the seed's +1234567890, which is E.164-shaped but too short for the North American plan", () => {
    expect(isE164('+1234567890')).toBe(true);
    expect(isPossiblePhoneNumber('+1234567890')).toBe(false);
  });

  it('rejects numbers that are not E.164 even when a national parser could read them', () => {
    expect(isPossiblePhoneNumber('(415) 555-2671')).toBe(false);
    expect(isPossiblePhoneNumber('+1 415 555 2671')).toBe(false);
  });

  it('rejects an unassigned country code', () => {
    expect(isPossiblePhoneNumber('+999123456789')).toBe(false);
  });
});
