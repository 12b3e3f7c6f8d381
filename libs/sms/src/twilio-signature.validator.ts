import twilio from 'twilio';

export interface TwilioSignatureCheck {
  authToken: string;
  /** The `X-Twilio-Signature` header as received (absent header: undefined). */
  signature: string | undefined;
  /** The full public URL Twilio called, query string included (not the one behind a proxy). */
  url: string;
  /** Every form parameter received: Twilio adds parameters without notice, all are signed. */
  params: Record<string, string | string[]>;
}

/** Whether a webhook really comes from Twilio (HMAC-SHA1 of URL + sorted params, constant-time compare). */
export function validateTwilioSignature(check: TwilioSignatureCheck): boolean {
  if (!check.authToken || !check.signature) return false;
  return twilio.validateRequest(check.authToken, check.signature, check.url, check.params);
}
