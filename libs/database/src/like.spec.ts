import { escapeLike } from './like';

describe('escapeLike', () => {
  test('escapes the LIKE wildcards and the escape character itself', () => {
    expect(escapeLike('50%_off\\now')).toBe('50\\%\\_off\\\\now');
  });

  test('leaves other text as it is', () => {
    expect(escapeLike('Zoë Smith-01@example.com')).toBe('Zoë Smith-01@example.com');
  });
});
