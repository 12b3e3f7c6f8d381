import { isValidPushToken } from '@wp/apns';
import { DevicePlatform, DomainError } from '@wp/contracts';

// Wallet's device library identifiers are opaque (32 hex digits in practice); anything that
// could not have come from a device is refused before it reaches a query.
const DEVICE_LIBRARY_ID = /^[A-Za-z0-9._-]{1,128}$/;
// Android wallet apps register their own push tokens (FCM and the like), not APNs hex.
const ANDROID_PUSH_TOKEN = /^[\x21-\x7e]{1,512}$/;
const MAX_LOG_ENTRIES = 50;
const MAX_LOG_CHARS = 1000;

export function isDeviceLibraryIdentifier(value: string): boolean {
  return DEVICE_LIBRARY_ID.test(value);
}

export function requireDeviceLibraryIdentifier(value: string): string {
  if (!isDeviceLibraryIdentifier(value)) throw DomainError.invalid('deviceLibraryIdentifier', 'must be 1 to 128 letters, digits, dots, dashes or underscores');
  return value;
}

/** `{"pushToken": "..."}`: APNs hex for Wallet; Android apps' tokens are only checked for shape. */
export function pushTokenOf(body: unknown, platform: DevicePlatform): string {
  const token = typeof body === 'object' && body !== null ? (body as { pushToken?: unknown }).pushToken : undefined;
  if (typeof token !== 'string') throw DomainError.invalid('pushToken', 'is required');
  const valid = platform === 'apple' ? isValidPushToken(token) : ANDROID_PUSH_TOKEN.test(token);
  if (!valid) throw DomainError.invalid('pushToken', platform === 'apple' ? 'must be an APNs device token (hex)' : 'must be 1 to 512 printable characters');
  // APNs takes either case; one spelling keeps "same token" comparisons exact.
  return platform === 'apple' ? token.toLowerCase() : token;
}

/** `{"logs": ["...", ...]}` from a device: bounded, since anyone can post it. */
export function logEntriesOf(body: unknown): string[] {
  const logs = typeof body === 'object' && body !== null ? (body as { logs?: unknown }).logs : undefined;
  if (!Array.isArray(logs)) return [];
  return logs
    .filter((entry): entry is string => typeof entry === 'string')
    .slice(0, MAX_LOG_ENTRIES)
    .map((entry) => entry.slice(0, MAX_LOG_CHARS));
}
