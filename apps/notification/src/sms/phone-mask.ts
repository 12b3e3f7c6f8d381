/** `+14155550123` → `+1******0123`: events and logs outlive the member, the number must not. */
export function maskPhoneNumber(e164: string): string {
  const digits = e164.replace(/^\+/, '');
  if (digits.length <= 4) return '+****';
  return `+${digits[0]}${'*'.repeat(digits.length - 5)}${digits.slice(-4)}`;
}
