import { ConfigError, Parser, ServiceConfig, int, optionalStr, url } from '@wp/config';

/** An optional http(s) URL: absent is fine, present but malformed stops the service at boot. */
function optionalUrl(): Parser<string | undefined> {
  return (raw, name) => {
    if (raw === undefined || raw === '') return undefined;
    let parsed: URL;
    try {
      parsed = new URL(raw);
    } catch {
      throw new ConfigError(name, 'must be a URL');
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new ConfigError(name, `must use http or https, got ${parsed.protocol}`);
    return raw.replace(/\/+$/, '');
  };
}

/** Present or not, but when present it must look like what Twilio issues. */
function optionalMatching(pattern: RegExp, description: string): Parser<string | undefined> {
  return (raw, name) => {
    if (raw === undefined || raw === '') return undefined;
    if (!pattern.test(raw)) throw new ConfigError(name, `must be ${description}`);
    return raw;
  };
}

/** An optional smtp(s) URL (`smtp://user:pass@host:587`, `smtps://…:465`); present but malformed stops the service at boot. */
function optionalSmtpUrl(): Parser<string | undefined> {
  return (raw, name) => {
    if (raw === undefined || raw === '') return undefined;
    let parsed: URL;
    try {
      parsed = new URL(raw);
    } catch {
      throw new ConfigError(name, 'must be a URL such as smtp://user:password@mail.example.com:587');
    }
    if (parsed.protocol !== 'smtp:' && parsed.protocol !== 'smtps:') throw new ConfigError(name, `must use smtp or smtps, got ${parsed.protocol}`);
    if (!parsed.hostname) throw new ConfigError(name, 'must name the SMTP host');
    return raw;
  };
}

/** A sender address, `name <address>` or just the address. */
function optionalSender(): Parser<string | undefined> {
  return (raw, name) => {
    if (raw === undefined || raw === '') return undefined;
    if (!/^(?:[^<>\r\n]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/.test(raw.trim())) throw new ConfigError(name, 'must be an address, or "Name <address>"');
    return raw.trim();
  };
}

/**
 * Variables the notification service reads beyond the fleet's own. Twilio's are optional:
 * without them the fleet runs and dry runs work, and a real send is a clear 422.
 */
export const notificationSpec = {
  TWILIO_ACCOUNT_SID: optionalMatching(/^AC[0-9a-zA-Z]{32}$/, 'a Twilio Account SID (AC + 32 characters)'),
  TWILIO_AUTH_TOKEN: optionalStr(),
  /** An E.164 sender number or a Messaging Service SID (MG...). */
  TWILIO_FROM: optionalMatching(/^(\+[1-9]\d{7,14}|MG[0-9a-zA-Z]{32})$/, 'an E.164 number or a Messaging Service SID (MG...)'),
  /** Another endpoint speaking Twilio's REST protocol (default https://api.twilio.com). */
  TWILIO_API_URL: optionalUrl(),
  /** Real sends per tenant per UTC day; the next one is a 429. */
  SMS_DAILY_QUOTA: int(1000, { min: 0 }),
  /** Messages per second handed to Twilio for one tenant (other tenants are not slowed). */
  SMS_SEND_RATE_PER_SEC: int(5, { min: 1, max: 1000 }),
  /** Send attempts for Twilio's transient failures (rate limits, outages, network). */
  SMS_SEND_ATTEMPTS: int(6, { min: 1, max: 50 }),
  /** Base URL of short links (a short domain); PUBLIC_BASE_URL when unset. */
  SHORT_LINK_BASE_URL: optionalUrl(),
  /** Where pass e-mails go out (nodemailer's SMTP URL); without it a real send is a clear 422 and dry runs still work. */
  SMTP_URL: optionalSmtpUrl(),
  /** The From of pass e-mails; default `WalletPass <no-reply@{PUBLIC_BASE_URL host}>`. */
  SMTP_FROM: optionalSender(),
  /** Real e-mail sends per tenant per minute; the next one is a 429 with Retry-After. */
  EMAIL_SEND_RATE_PER_MIN: int(60, { min: 1, max: 100_000 }),
  /** How long the SMTP server has to take a message before the send counts as failed. */
  EMAIL_SEND_TIMEOUT_MS: int(20_000, { min: 1000, max: 300_000 }),
  /** APNs, or another endpoint speaking its HTTP/2 protocol. Wallet pushes are production-only. */
  APNS_URL: url('https://api.push.apple.com', ['https']),
  /** Pushes in flight at once; they share one HTTP/2 session per certificate. */
  APNS_PUSH_CONCURRENCY: int(64, { min: 1, max: 1000 }),
  /** Attempts per push for transient APNs answers (429, 5xx, network), with exponential backoff. */
  APNS_PUSH_ATTEMPTS: int(8, { min: 1, max: 50 }),
};

export type NotificationConfig = ServiceConfig<typeof notificationSpec>;
