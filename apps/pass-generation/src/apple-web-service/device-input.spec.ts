import { DomainError } from '@wp/contracts';
import { isDeviceLibraryIdentifier, logEntriesOf, pushTokenOf } from './device-input';

const APNS_TOKEN = 'A1'.repeat(32);

describe('device input', () => {
  it('takes an APNs hex token from Wallet, lower-cased', () => {
    expect(pushTokenOf({ pushToken: APNS_TOKEN }, 'apple')).toBe(APNS_TOKEN.toLowerCase());
  });

  it('refuses a Wallet token that APNs could never deliver to, and a missing one', () => {
    expect(() => pushTokenOf({ pushToken: 'fcm:not-hex' }, 'apple')).toThrow(DomainError);
    expect(() => pushTokenOf({}, 'apple')).toThrow(DomainError);
    expect(() => pushTokenOf(null, 'apple')).toThrow(DomainError);
  });

  it("takes an Android app's own token as it is", () => {
    expect(pushTokenOf({ pushToken: 'fcm:APA91bH-x_y' }, 'android')).toBe('fcm:APA91bH-x_y');
    expect(() => pushTokenOf({ pushToken: 'has space' }, 'android')).toThrow(DomainError);
  });

  it('device library identifiers are short and plain', () => {
    expect(isDeviceLibraryIdentifier('0f1e2d3c4b5a69788796a5b4c3d2e1f0')).toBe(true);
    expect(isDeviceLibraryIdentifier('../etc')).toBe(false);
    expect(isDeviceLibraryIdentifier('x'.repeat(129))).toBe(false);
  });

  it('device logs are bounded: strings only, at most 50, each cut at 1,000 characters', () => {
    expect(logEntriesOf({ logs: ['a', 3, 'b'] })).toEqual(['a', 'b']);
    expect(logEntriesOf({ logs: Array(80).fill('x'.repeat(2000)) })).toHaveLength(50);
    expect(logEntriesOf({ logs: ['y'.repeat(2000)] })[0]).toHaveLength(1000);
    expect(logEntriesOf('nonsense')).toEqual([]);
  });
});
