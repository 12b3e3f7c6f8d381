export interface SmsSendErrorDetails {
  /** HTTP status Twilio answered with; null when no answer came (network, timeout, config). */
  status: number | null;
  /** Twilio error code (https://www.twilio.com/docs/errors/{code}); null when Twilio gave none. */
  code: number | null;
  message: string;
  /** True when the same request may succeed later (rate limits, Twilio outages, network). */
  retryable: boolean;
}

/** A failed SMS send. Its message never contains credentials. */
export class SmsSendError extends Error implements SmsSendErrorDetails {
  override readonly name = 'SmsSendError';
  readonly status: number | null;
  readonly code: number | null;
  readonly retryable: boolean;

  constructor(details: SmsSendErrorDetails) {
    super(details.message);
    this.status = details.status;
    this.code = details.code;
    this.retryable = details.retryable;
  }
}
