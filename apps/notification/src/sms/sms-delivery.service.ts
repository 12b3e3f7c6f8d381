import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@wp/contracts';
import { appendEvent, createEvent } from '@wp/events';
import { UpstreamCircuitOpen } from '@wp/observability';
import { LOGGER } from '@wp/service-runtime';
import { SmsSendError } from '@wp/sms';
import type { Logger } from 'pino';
import { DataSource, IsNull } from 'typeorm';
import { SmsMessage } from '../distribution/sms-message.entity';
import { maskPhoneNumber } from './phone-mask';
import { SmsSendRateLimiter } from './sms-send-rate.limiter';
import { TwilioAccount } from './twilio-account';

export type DeliveryOutcome =
  /** Handed to Twilio, failed for good, or nothing (left) to do. */
  | { kind: 'done' }
  /** The tenant's send rate is used up: try again in `ms`, without counting an attempt. */
  | { kind: 'wait'; ms: number }
  /** A transient Twilio failure: retry with backoff. */
  | { kind: 'retry'; error: Error };

/** Hands one queued message to Twilio. Called by the queue worker, once per attempt. */
@Injectable()
export class SmsDeliveryService {
  constructor(
    private readonly db: DataSource,
    private readonly twilio: TwilioAccount,
    private readonly rate: SmsSendRateLimiter,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async deliver(messageId: string, attempt: { number: number; max: number }): Promise<DeliveryOutcome> {
    const repo = this.db.getRepository(SmsMessage);
    const message = await repo.findOneBy({ id: messageId });
    // Already handed to Twilio (a job run twice after a worker crash): never send twice.
    if (!message || message.status !== 'queued' || message.providerSid) return { kind: 'done' };

    const wait = await this.rate.take(message.tenantId);
    if (wait > 0) return { kind: 'wait', ms: wait };

    await repo.increment({ id: message.id }, 'sendAttempts', 1);
    try {
      const result = await this.twilio.send(message.tenantId, { to: message.to, body: message.body, statusCallback: this.twilio.statusCallbackUrl });
      // Status stays `queued` (it is now in Twilio's queue); callbacks move it on.
      await repo.update({ id: message.id, providerSid: IsNull() }, { providerSid: result.sid });
      this.logger.info({ message_id: message.id, sid: result.sid, to: maskPhoneNumber(message.to) }, 'sms handed to twilio');
      return { kind: 'done' };
    } catch (error) {
      if (error instanceof UpstreamCircuitOpen) {
        // Nothing was sent: the attempt does not count, and the message waits for the circuit.
        await repo.decrement({ id: message.id }, 'sendAttempts', 1);
        return { kind: 'wait', ms: error.retryAfterMs };
      }
      const retryable = error instanceof SmsSendError && error.retryable;
      const detail = describe(error);
      if (retryable && attempt.number < attempt.max) {
        this.logger.warn({ message_id: message.id, attempt: attempt.number, err: detail.message }, 'sms send failed; will retry');
        return { kind: 'retry', error: error as Error };
      }
      this.logger.warn({ message_id: message.id, attempt: attempt.number, code: detail.code, err: detail.message }, 'sms send failed for good');
      await this.fail(message, detail);
      return { kind: 'done' };
    }
  }

  private async fail(message: SmsMessage, detail: { code: string | null; message: string }): Promise<void> {
    await this.db.transaction(async (tx) => {
      const updated = await tx.update(SmsMessage, { id: message.id, status: 'queued' }, { status: 'failed', errorCode: detail.code, errorMessage: detail.message.slice(0, 500) });
      if (!updated.affected) return;
      await appendEvent(tx, createEvent('sms.failed', message.tenantId, { message_id: message.id, pass_id: message.passId, member_id: message.memberId, error_code: detail.code }));
    });
  }
}

function describe(error: unknown): { code: string | null; message: string } {
  if (error instanceof SmsSendError) return { code: error.code === null ? null : String(error.code), message: error.message };
  if (error instanceof DomainError) return { code: null, message: error.message };
  return { code: null, message: 'unexpected error while sending' };
}
