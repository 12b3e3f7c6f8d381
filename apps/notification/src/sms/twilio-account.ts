import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@wp/contracts';
import { UpstreamGuard } from '@wp/observability';
import { CONFIG } from '@wp/service-runtime';
import { SmsMessage, SmsSendError, SmsSendResult, TwilioSender } from '@wp/sms';
import type { NotificationConfig } from '../config';

const REQUIRED = ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_FROM'] as const;

/**
 * The fleet's Twilio account (TWILIO_* variables). It may be absent: the service still runs,
 * dry runs still work, and a real send is refused with a 422 naming what is missing.
 */
@Injectable()
export class TwilioAccount {
  private readonly sender: TwilioSender | null;
  readonly missing: string[];
  /** Per-tenant circuit: Twilio failing (5xx, 429, network) holds that tenant's sends back instead of spending their attempts. */
  private readonly guard: UpstreamGuard<SmsSendResult>;

  constructor(@Inject(CONFIG) private readonly config: NotificationConfig) {
    this.missing = REQUIRED.filter((name) => !config[name]);
    this.sender =
      this.missing.length === 0
        ? new TwilioSender({
            accountSid: config.TWILIO_ACCOUNT_SID as string,
            authToken: config.TWILIO_AUTH_TOKEN as string,
            from: config.TWILIO_FROM as string,
            apiUrl: config.TWILIO_API_URL,
          })
        : null;
    this.guard = new UpstreamGuard<SmsSendResult>({
      upstream: 'twilio',
      threshold: config.UPSTREAM_BREAKER_THRESHOLD,
      halfOpenAfterMs: config.UPSTREAM_BREAKER_HALF_OPEN_MS,
      outcomeOf: () => ({ status: '201', unhealthy: false }),
      outcomeOfError: (error) =>
        error instanceof SmsSendError
          ? { status: error.status === null ? 'network' : String(error.status), unhealthy: error.status === null ? error.retryable : error.status === 429 || error.status >= 500 }
          : { status: 'error', unhealthy: false },
    });
  }

  get configured(): boolean {
    return this.sender !== null;
  }

  /** Used to check X-Twilio-Signature; undefined when Twilio is not configured. */
  get authToken(): string | undefined {
    return this.config.TWILIO_AUTH_TOKEN;
  }

  /** Twilio reports delivery to PUBLIC_BASE_URL/v1/twilio/status. */
  get statusCallbackUrl(): string {
    return `${this.config.PUBLIC_BASE_URL}/v1/twilio/status`;
  }

  assertConfigured(): void {
    if (this.configured) return;
    throw new DomainError(
      'unprocessable',
      `SMS sending is not configured on this server (missing ${this.missing.join(', ')}); use ?dry_run=1 to compose a message without sending it`,
    );
  }

  /** Throws UpstreamCircuitOpen, sending nothing, while Twilio keeps failing for this tenant. */
  async send(tenantId: string, message: SmsMessage): Promise<SmsSendResult> {
    const sender = this.sender;
    if (!sender) {
      // A job queued before a restart without Twilio: fail it for good (the caller records why).
      throw new DomainError('unprocessable', `SMS sending is not configured (missing ${this.missing.join(', ')})`);
    }
    return this.guard.call(tenantId, () => sender.send(message));
  }
}
