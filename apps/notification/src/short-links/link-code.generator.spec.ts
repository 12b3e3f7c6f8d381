import { PAGE_TOKEN, SHORT_CODE, base62Bits, newPageToken, newShortCode } from './link-code.generator';

describe('link codes', () => {
  it('carry at least 64 bits (short codes) and 128 bits (page tokens) of entropy', () => {
    expect(base62Bits(newShortCode().length)).toBeGreaterThanOrEqual(64);
    expect(base62Bits(newPageToken().length)).toBeGreaterThanOrEqual(128);
  });

  it('are base62, so no SMS client cuts the link short at punctuation', () => {
    for (let i = 0; i < 200; i++) {
      expect(newShortCode()).toMatch(SHORT_CODE);
      expect(newPageToken()).toMatch(PAGE_TOKEN);
    }
  });

  it('do not repeat and use the whole alphabet evenly (no visible bias)', () => {
    const codes = Array.from({ length: 5000 }, () => newShortCode());
    expect(new Set(codes).size).toBe(codes.length);
    const counts = new Map<string, number>();
    for (const ch of codes.join('')) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    expect(counts.size).toBe(62);
    // 60,000 draws over 62 symbols: ~968 each; a biased modulo would skew some far past this.
    for (const count of counts.values()) expect(Math.abs(count - 60000 / 62)).toBeLessThan(200);
  });
});
