import { jsonDepthExceeds } from './json-depth';

describe('jsonDepthExceeds', () => {
  const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

  test('accepts bodies up to the limit and rejects one level more', () => {
    expect(jsonDepthExceeds(nested(64), 64)).toBe(false);
    expect(jsonDepthExceeds(nested(65), 64)).toBe(true);
    expect(jsonDepthExceeds(`{"a":${nested(10)},"b":{"c":{}}}`, 3)).toBe(true);
  });

  test('counts objects and arrays alike', () => {
    expect(jsonDepthExceeds('{"a":[{"b":[1]}]}', 4)).toBe(false);
    expect(jsonDepthExceeds('{"a":[{"b":[1]}]}', 3)).toBe(true);
  });

  test('ignores brackets inside strings, escaped quotes included', () => {
    expect(jsonDepthExceeds(JSON.stringify({ a: '[[[[[[{{{{' }), 1)).toBe(false);
    expect(jsonDepthExceeds(JSON.stringify({ a: 'say \\"[[[[[[" and \\\\' }), 1)).toBe(false);
  });

  test('rejects a 500,000-deep body at once, without building anything', () => {
    expect(jsonDepthExceeds(nested(500_000))).toBe(true);
  });
});
