import { Inject, Injectable } from '@nestjs/common';
import { DomainError, DomainEvent, TwilioStatusRequest, TwilioStatusResult } from '@wp/contracts';
import { appendEvents, createEvent } from '@wp/events';
import { LOGGER } from '@wp/service-runtime';
import { validateTwilioSignature } from '@wp/sms';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { SmsMessage } from '../distribution/sms-message.entity';
import { ShortLink } from '../short-links/short-link.entity';
import { maskPhoneNumber } from '../sms/phone-mask';
import { TwilioAccount } from '../sms/twilio-account';
import { SmsEventType, applyReportedStatus, fromTwilioStatus } from './message-status';

const first = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

@Injectable()
export class TwilioStatusService {
  constructor(
    private readonly db: DataSource,
    private readonly twilio: TwilioAccount,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * POST /v1/twilio/status. The signature covers the URL and every parameter, so anyone who
   * does not hold the auth token cannot move a message's status or fake delivery counts.
   */
  async handle(request: TwilioStatusRequest): Promise<TwilioStatusResult> {
    const authToken = this.twilio.authToken;
    if (!authToken || !validateTwilioSignature({ authToken, signature: request.signature, url: request.url, params: request.params })) {
      throw new DomainError('forbidden', 'Invalid Twilio signature');
    }
    const sid = first(request.params.MessageSid) ?? first(request.params.SmsSid);
    const reported = fromTwilioStatus(first(request.params.MessageStatus) ?? first(request.params.SmsStatus));
    if (!sid) return { message_id: null, status: null };

    return this.db.transaction(async (tx) => {
      // Locked: Twilio may post `sent` and `delivered` at nearly the same moment.
      const message = await tx.findOne(SmsMessage, { where: { providerSid: sid }, lock: { mode: 'pessimistic_write' } });
      if (!message) {
        // Answered 2xx anyway: Twilio would only retry a message we will never know.
        this.logger.warn({ sid }, 'twilio status for an unknown message');
        return { message_id: null, status: null };
      }
      const change = reported ? applyReportedStatus(message.status, reported) : null;
      if (!change) return { message_id: message.id, status: message.status };

      const failed = change.status === 'failed' || change.status === 'undelivered';
      const errorCode = failed ? (first(request.params.ErrorCode) ?? null) : message.errorCode;
      await tx.update(SmsMessage, { id: message.id }, { status: change.status, errorCode });
      const shortCode = (await tx.findOneBy(ShortLink, { id: message.shortLinkId }))?.code ?? null;
      await appendEvents(tx, change.events.map((type) => this.event(type, message, shortCode, errorCode)));
      return { message_id: message.id, status: change.status };
    });
  }

  private event(type: SmsEventType, message: SmsMessage, shortCode: string | null, errorCode: string | null): DomainEvent {
    const ref = { message_id: message.id, pass_id: message.passId, member_id: message.memberId };
    switch (type) {
      case 'sms.sent':
        return createEvent(type, message.tenantId, { ...ref, to: maskPhoneNumber(message.to), short_code: shortCode });
      case 'sms.delivered':
        return createEvent(type, message.tenantId, ref);
      case 'sms.failed':
        return createEvent(type, message.tenantId, { ...ref, error_code: errorCode });
    }
  }
}
