import { unstorableTextErrors } from './unstorable-text';

describe('unstorableTextErrors', () => {
  test('names each field holding a NUL, nested ones by path', () => {
    const errors = unstorableTextErrors({ member_name: 'a\u0000b', ok: 'fine', rules: [{ tier: 'x' }, { tier: '\u0000' }], meta: { note: 'n\u0000' } });
    expect(errors.map((e) => e.field)).toEqual(['member_name', 'rules[1].tier', 'meta.note']);
  });

  test('a NUL in a key or a bare string value is reported too', () => {
    expect(unstorableTextErrors({ 'a\u0000': 1 }).map((e) => e.field)).toEqual(['a\\u0000']);
    expect(unstorableTextErrors('x\u0000', 'member_id').map((e) => e.field)).toEqual(['member_id']);
  });

  test('lone surrogates are refused, pairs (emoji) are fine', () => {
    expect(unstorableTextErrors({ email: '\ud800', name: 'x\udc00y', ok: '💳🎉' })).toEqual([
      { field: 'email', message: expect.stringMatching(/surrogate/) },
      { field: 'name', message: expect.stringMatching(/surrogate/) },
    ]);
  });

  test('clean values and other types give nothing', () => {
    expect(unstorableTextErrors({ a: 1, b: null, c: [true, 'x'], d: undefined })).toEqual([]);
  });
});
