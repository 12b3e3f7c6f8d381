// APNs device tokens were 32 bytes for years, but Apple warns they are of variable length
// and may grow (up to 100 bytes), so accept any even-length hex string in that range
// rather than hard-coding 64 characters.
const MIN_TOKEN_HEX_CHARS = 64;
const MAX_TOKEN_HEX_CHARS = 200;
const HEX = /^[0-9a-fA-F]+$/;

/** Whether a token a device registers could be an APNs device token. */
export function isValidPushToken(token: string): boolean {
  return (
    typeof token === 'string' &&
    token.length >= MIN_TOKEN_HEX_CHARS &&
    token.length <= MAX_TOKEN_HEX_CHARS &&
    token.length % 2 === 0 &&
    HEX.test(token)
  );
}
