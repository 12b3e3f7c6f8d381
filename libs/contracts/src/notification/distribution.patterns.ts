import type { Rpc } from '../rpc';
import type { SendPassEmailDto, SendPassSmsDto } from './distribution.dto';
import type { SendPassEmailResult, SendPassSmsResult, SmsMessageView } from './distribution.views';

// Do not change the values: they are channel names on the Redis transport.
export const DistributionPatterns = {
  sendPassSms: 'notification.distribution.send-pass-sms',
  getMessage: 'notification.distribution.get-message',
  sendPassEmail: 'notification.distribution.send-pass-email',
  /** Twilio's status callback, as the gateway received it (signature checked by the service). */
  twilioStatus: 'notification.twilio.status',
  followShortLink: 'notification.short-links.follow',
  hostedPage: 'notification.hosted-page.render',
  hostedPagePkpass: 'notification.hosted-page.pkpass',
} as const;

// Do not change the values: BullMQ queue names (Redis keys under the fleet namespace).
export const DISTRIBUTION_QUEUES = {
  /** notification: one job per SMS, paced per tenant and retried on Twilio's transient errors. */
  smsSend: 'notification.sms-send',
} as const;

export interface TwilioStatusRequest {
  /** The X-Twilio-Signature header, absent when the caller sent none. */
  signature?: string;
  /** The public URL Twilio called: PUBLIC_BASE_URL + path and query. */
  url: string;
  /** Every form parameter received; all of them are signed. */
  params: Record<string, string | string[]>;
}

export interface TwilioStatusResult {
  /** Our message, or null when Twilio reported on a message we do not know. */
  message_id: string | null;
  status: string | null;
}

/**
 * How a visitor reached the page: through the SMS or e-mail short link, straight to the page
 * (a QR code, a shared link), or from an enrollment form they just submitted.
 */
export type PageVisitSource = 'sms' | 'email' | 'page' | 'enrollment';

/** What the gateway writes for a public browser route: the service decides, the gateway only serves. */
export type WebReply =
  | { kind: 'redirect'; location: string; /** 303 after a form post (the browser follows with a GET); 302 otherwise. */ status?: 302 | 303 }
  | { kind: 'html'; status: 200 | 404 | 422; html: string }
  | { kind: 'file'; filename: string; content_type: string; body_base64: string };

export interface DistributionRpcMap {
  [DistributionPatterns.sendPassSms]: Rpc<SendPassSmsDto & { dry_run: boolean }, SendPassSmsResult>;
  [DistributionPatterns.getMessage]: Rpc<{ message_id: string }, SmsMessageView>;
  [DistributionPatterns.sendPassEmail]: Rpc<SendPassEmailDto & { dry_run: boolean }, SendPassEmailResult>;
  [DistributionPatterns.twilioStatus]: Rpc<TwilioStatusRequest, TwilioStatusResult>;
  /** `count: false` for HEAD requests (link previews probing), which are not follows. */
  [DistributionPatterns.followShortLink]: Rpc<{ code: string; count: boolean }, WebReply>;
  [DistributionPatterns.hostedPage]: Rpc<{ token: string; user_agent: string | null; source: PageVisitSource }, WebReply>;
  [DistributionPatterns.hostedPagePkpass]: Rpc<{ token: string; source: PageVisitSource }, WebReply>;
}
