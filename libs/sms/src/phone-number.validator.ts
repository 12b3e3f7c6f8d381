import { isPossiblePhoneNumber as libIsPossiblePhoneNumber } from 'libphonenumber-js';

// Registration, updates and dry-run sends accept exactly this form.
const E164 = /^\+[1-9]\d{7,14}$/;

export function isE164(value: string): boolean {
  return E164.test(value);
}

/**
 * True when libphonenumber-js calls the number possible (a length check against the
 * country's numbering plan). A real send requires this on top of E.164, so numbers such as
 * the seed's `+1234567890` are refused before Twilio is ever billed for them.
 */
export function isPossiblePhoneNumber(value: string): boolean {
  if (!isE164(value)) return false;
  try {
    return libIsPossiblePhoneNumber(value);
  } catch {
    return false;
  }
}
