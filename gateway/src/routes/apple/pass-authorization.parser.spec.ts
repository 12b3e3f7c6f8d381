import { sha256Hex } from '@wp/crypto';
import { passCredentialOf } from './pass-authorization.parser';

describe('passCredentialOf', () => {
  it('reads ApplePass and AndroidPass credentials, keeping only the digest of the token', () => {
    expect(passCredentialOf('ApplePass abcdefghijklmnop0123')).toEqual({ platform: 'apple', token_sha256: sha256Hex('abcdefghijklmnop0123') });
    expect(passCredentialOf('AndroidPass abcdefghijklmnop0123')).toEqual({ platform: 'android', token_sha256: sha256Hex('abcdefghijklmnop0123') });
    expect(passCredentialOf('applepass abcdefghijklmnop0123')?.platform).toBe('apple');
  });

  it('has nothing to check for other schemes, a missing token or no header', () => {
    expect(passCredentialOf(undefined)).toBeNull();
    expect(passCredentialOf('Bearer abcdefghijklmnop0123')).toBeNull();
    expect(passCredentialOf('ApplePass')).toBeNull();
    expect(passCredentialOf('ApplePass two words')).toBeNull();
    expect(passCredentialOf(['ApplePass a', 'ApplePass b'])).toBeNull();
  });
});
