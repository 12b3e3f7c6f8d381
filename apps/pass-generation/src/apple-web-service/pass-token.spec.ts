import { createHash } from 'node:crypto';
import { tokenMatches } from './pass-token';

const sha = (value: string) => createHash('sha256').update(value).digest('hex');
const TOKEN = 'q7W0b1kq3sRkYVd0Y3b2ZyhnN0xVdGlP';

describe('tokenMatches', () => {
  it("accepts the pass's own token, from Wallet or an Android app", () => {
    expect(tokenMatches(TOKEN, { platform: 'apple', token_sha256: sha(TOKEN) })).toBe(true);
    expect(tokenMatches(TOKEN, { platform: 'android', token_sha256: sha(TOKEN) })).toBe(true);
  });

  it('refuses another token, a missing credential, a malformed digest and an unknown pass', () => {
    expect(tokenMatches(TOKEN, { platform: 'apple', token_sha256: sha(`${TOKEN}x`) })).toBe(false);
    expect(tokenMatches(TOKEN, null)).toBe(false);
    expect(tokenMatches(TOKEN, { platform: 'apple', token_sha256: 'not-hex' })).toBe(false);
    expect(tokenMatches(TOKEN, { platform: 'apple', token_sha256: sha(TOKEN).toUpperCase() })).toBe(false);
    expect(tokenMatches(null, { platform: 'apple', token_sha256: sha(TOKEN) })).toBe(false);
  });
});
