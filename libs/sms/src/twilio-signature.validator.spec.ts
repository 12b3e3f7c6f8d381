import { createHmac } from 'node:crypto';
import { validateTwilioSignature } from './twilio-signature.validator';

const AUTH_TOKEN = '12345678901234567890123456789012';
const URL = 'https://wallet.example.com/v1/twilio/status';
const PARAMS = {
  MessageSid: 'SM0123456789abcdef0123456789abcdef',
  MessageStatus: 'delivered',
  AccountSid: 'AC0123456789abcdef0123456789abcdef',
  To: '+14155552671',
  From: '+15005550006',
};

// Base64(HMAC-SHA1(token, url + concatenation of sorted key+value)).
function twilioSignature(token: string, url: string, params: Record<string, string>): string {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, key) => acc + key + params[key], url);
  return createHmac('sha1', token).update(data).digest('base64');
}

describe('validateTwilioSignature', () => {
  it('accepts a signature computed the way Twilio computes it', () => {
    const signature = twilioSignature(AUTH_TOKEN, URL, PARAMS);
    expect(validateTwilioSignature({ authToken: AUTH_TOKEN, signature, url: URL, params: PARAMS })).toBe(true);
  });

  it('rejects a tampered parameter', () => {
    const signature = twilioSignature(AUTH_TOKEN, URL, PARAMS);
    const params = { ...PARAMS, MessageStatus: 'failed' };
    expect(validateTwilioSignature({ authToken: AUTH_TOKEN, signature, url: URL, params })).toBe(false);
  });

  it('rejects a signature made with another auth token', () => {
    const signature = twilioSignature('another-token-another-token-1234', URL, PARAMS);
    expect(validateTwilioSignature({ authToken: AUTH_TOKEN, signature, url: URL, params: PARAMS })).toBe(false);
  });

  it('rejects a signature for another URL', () => {
    const signature = twilioSignature(AUTH_TOKEN, 'https://evil.example/v1/twilio/status', PARAMS);
    expect(validateTwilioSignature({ authToken: AUTH_TOKEN, signature, url: URL, params: PARAMS })).toBe(false);
  });

  it('rejects a missing signature or a missing auth token', () => {
    const signature = twilioSignature(AUTH_TOKEN, URL, PARAMS);
    expect(validateTwilioSignature({ authToken: AUTH_TOKEN, signature: undefined, url: URL, params: PARAMS })).toBe(false);
    expect(validateTwilioSignature({ authToken: '', signature, url: URL, params: PARAMS })).toBe(false);
  });
});
