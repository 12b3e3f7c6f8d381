import fc from 'fast-check';
import { isValidPushToken } from './push-token.validator';

describe('isValidPushToken', () => {
  it('accepts the 32-byte hex tokens devices send today, in either case', () => {
    expect(isValidPushToken('a'.repeat(64))).toBe(true);
    expect(isValidPushToken('0123456789abcdef'.repeat(4))).toBe(true);
    expect(isValidPushToken('0123456789ABCDEF'.repeat(4))).toBe(true);
  });

  it('accepts longer tokens, since Apple says their length may grow', () => {
    expect(isValidPushToken('ab'.repeat(50))).toBe(true);
    expect(isValidPushToken('ab'.repeat(100))).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['too short', 'ab'.repeat(16)],
    ['too long', 'ab'.repeat(101)],
    ['odd length', 'a'.repeat(65)],
    ['non-hex letters', 'g'.repeat(64)],
    ['spaces', `${'a'.repeat(32)} ${'a'.repeat(31)}`],
    ['path traversal', `../../${'a'.repeat(64)}`],
    ['query string', `${'a'.repeat(64)}?x=1`],
    ['an Android wallet token', 'fcm:APA91bHun4MxP5egoKMwt2KZFBaFUH-1RYqx'],
  ])('rejects %s', (_label, token) => {
    expect(isValidPushToken(token)).toBe(false);
  });

  it('accepts every even-length hex string of 32 to 100 bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 100 }), (bytes) =>
        isValidPushToken(Buffer.from(bytes).toString('hex')),
      ),
    );
  });
});
