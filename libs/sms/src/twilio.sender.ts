import { traceCarrier } from '@wp/observability';
import twilio from 'twilio';
import { SmsSendError } from './sms-send.error';

export interface TwilioSenderOptions {
  accountSid: string;
  authToken: string;
  /** An E.164 sender number, or a Messaging Service SID (`MG…`). */
  from: string;
  /** TWILIO_API_URL: another endpoint speaking Twilio's REST protocol (default https://api.twilio.com). */
  apiUrl?: string;
  timeoutMs?: number;
}

export interface SmsMessage {
  to: string;
  body: string;
  /** Where Twilio reports delivery (PUBLIC_BASE_URL/v1/twilio/status). */
  statusCallback?: string;
}

export interface SmsSendResult {
  sid: string;
  /** Initial status: `queued`, or `accepted` through a Messaging Service. */
  status: string;
}

const DEFAULT_TIMEOUT_MS = 15_000;
// Twilio codes that mean "not now" rather than "never": 20429 too many requests,
// 21611 the sender's queue is full.
const RETRYABLE_CODES = new Set([20429, 21611]);

/** The SDK's own HTTP client, adding the W3C trace context of the active span to each request. */
class TracedRequestClient extends twilio.RequestClient {
  override request<TData>(opts: Parameters<twilio.RequestClient['request']>[0] & { data?: TData }) {
    return super.request<TData>({ ...opts, headers: { ...opts.headers, ...traceCarrier() } });
  }
}

/** Sends SMS through Twilio's Messages API with the official SDK. */
export class TwilioSender {
  private client: twilio.Twilio | null = null;

  constructor(private readonly options: TwilioSenderOptions) {}

  async send(message: SmsMessage): Promise<SmsSendResult> {
    const client = this.getClient();
    const sender = this.options.from.startsWith('MG')
      ? { messagingServiceSid: this.options.from }
      : { from: this.options.from };
    try {
      const created = await client.messages.create({
        to: message.to,
        body: message.body,
        ...sender,
        ...(message.statusCallback ? { statusCallback: message.statusCallback } : {}),
      });
      return { sid: created.sid, status: created.status };
    } catch (error) {
      throw toSmsSendError(error);
    }
  }

  private getClient(): twilio.Twilio {
    if (this.client) return this.client;
    const { accountSid, authToken, from, apiUrl } = this.options;
    if (!accountSid || !authToken || !from) {
      throw new SmsSendError({
        status: null,
        code: null,
        message: 'Twilio is not configured (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM are required)',
        retryable: false,
      });
    }
    let client: twilio.Twilio;
    try {
      // autoRetry stays off: retries belong to the caller's job queue, which knows about idempotency.
      const timeout = this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
      client = twilio(accountSid, authToken, { timeout, autoRetry: false, httpClient: new TracedRequestClient({ timeout, autoRetry: false }) });
    } catch (error) {
      // The SDK refuses a malformed SID at construction ("accountSid must start with AC").
      throw new SmsSendError({ status: null, code: null, message: `Twilio configuration rejected: ${errorMessage(error)}`, retryable: false });
    }
    // The SDK reads `api.baseUrl` at call time, so this points every
    // Messages call at TWILIO_API_URL. Region/edge stay unset: they would rewrite the host.
    if (apiUrl) client.api.baseUrl = apiUrl.replace(/\/+$/, '');
    this.client = client;
    return client;
  }
}

function toSmsSendError(error: unknown): SmsSendError {
  if (error instanceof SmsSendError) return error;
  if (error instanceof twilio.RestException) {
    const code = typeof error.code === 'number' ? error.code : null;
    return new SmsSendError({
      status: error.status,
      code,
      message: error.message || `Twilio answered HTTP ${error.status}`,
      retryable: error.status === 429 || error.status >= 500 || (code !== null && RETRYABLE_CODES.has(code)),
    });
  }
  // No HTTP answer at all (refused, reset, DNS, timeout). Only the error code/message is
  // kept: the SDK's error object also holds the request config with the credentials.
  return new SmsSendError({ status: null, code: null, message: `Twilio request failed: ${errorMessage(error)}`, retryable: true });
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as Error & { code?: unknown }).code;
    return typeof code === 'string' && !error.message.includes(code) ? `${code} ${error.message}` : error.message;
  }
  return String(error);
}
