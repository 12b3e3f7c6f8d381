import { Injectable } from '@nestjs/common';
import {
  CallContext,
  DomainError,
  PassInternalPatterns,
  PassSummary,
  SendPassSmsDto,
  SendPassSmsResult,
  SmsMessageView,
  requireTenant,
} from '@wp/contracts';
import { RpcClient } from '@wp/messaging';
import { composeSmsBody, isPossiblePhoneNumber } from '@wp/sms';
import { DataSource } from 'typeorm';
import { HostedPagesService } from '../hosted-page/hosted-pages.service';
import { ShortLink } from '../short-links/short-link.entity';
import { ShortLinksService } from '../short-links/short-links.service';
import { QuotaReservation, SmsDailyQuota } from '../sms/sms-daily-quota';
import { SmsSendQueue } from '../sms/sms-send.queue';
import { TwilioAccount } from '../sms/twilio-account';
import { SmsMessage } from './sms-message.entity';
import { smsMessageView } from './sms-message.view';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class DistributionService {
  constructor(
    private readonly db: DataSource,
    private readonly rpc: RpcClient,
    private readonly pages: HostedPagesService,
    private readonly links: ShortLinksService,
    private readonly twilio: TwilioAccount,
    private readonly quota: SmsDailyQuota,
    private readonly queue: SmsSendQueue,
  ) {}

  /**
   * POST /v1/distribution/send-pass-sms. Every check that can refuse the request runs before
   * anything is written or counted, so a 400/404/422/429 leaves no trace and sends nothing.
   */
  async send(ctx: CallContext, request: SendPassSmsDto & { dry_run: boolean }): Promise<SendPassSmsResult> {
    const tenantId = requireTenant(ctx);
    const dryRun = request.dry_run;
    if (!dryRun) {
      // E.164 alone lets through numbers no network can route (the seed's
      // +1234567890); a real send is billed, so it also needs a possible number.
      if (!isPossiblePhoneNumber(request.phone_number)) {
        throw DomainError.invalid('phone_number', 'is not a possible phone number for its country code');
      }
      this.twilio.assertConfigured();
    }
    const pass = await this.resolvePass(ctx, request);
    if (pass.status !== 'active') {
      throw new DomainError('unprocessable', `The pass is ${pass.status}; it can no longer be added to a wallet`);
    }
    const preview = await this.rpc.send(PassInternalPatterns.hostedPage, ctx, { pass_id: pass.pass_id });

    const reservation: QuotaReservation | null = dryRun ? null : await this.quota.reserve(tenantId);
    let saved: { message: SmsMessage; link: ShortLink };
    try {
      saved = await this.db.transaction(async (tx) => {
        const page = await this.pages.ensure(tx, tenantId, pass.pass_id, pass.member_id);
        const link = await this.links.create(tx, page);
        const body = composeSmsBody({ companyName: preview.company_name, memberName: preview.member_name, shortUrl: this.links.url(link.code) });
        const message = await tx.save(
          tx.create(SmsMessage, {
            tenantId,
            passId: pass.pass_id,
            memberId: pass.member_id,
            to: request.phone_number,
            body,
            shortLinkId: link.id,
            dryRun,
            status: dryRun ? 'dry_run' : 'queued',
            providerSid: null,
            errorCode: null,
            errorMessage: null,
          }),
        );
        return { message, link };
      });
    } catch (error) {
      await reservation?.release();
      throw error;
    }

    const { message, link } = saved;
    if (!dryRun) await this.enqueue(message, reservation);
    return {
      message_id: message.id,
      status: message.status,
      to: message.to,
      short_url: this.links.url(link.code),
      body: message.body,
      dry_run: dryRun,
      pass_id: message.passId,
    };
  }

  async get(ctx: CallContext, messageId: string): Promise<SmsMessageView> {
    const tenantId = requireTenant(ctx);
    const message = UUID.test(messageId) ? await this.db.getRepository(SmsMessage).findOne({ where: { id: messageId, tenantId }, relations: { shortLink: true } }) : null;
    if (!message?.shortLink) throw DomainError.notFound('Message');
    return smsMessageView(message, { shortUrl: this.links.url(message.shortLink.code), clicks: message.shortLink.clicks });
  }

  private resolvePass(ctx: CallContext, request: SendPassSmsDto): Promise<PassSummary> {
    if (request.member_id !== undefined && request.member_id !== null) {
      // The member's Apple pass: it can always be signed (development signing is the
      // fallback) and its page still offers Google Wallet when the tenant has it.
      return this.rpc.send(PassInternalPatterns.ensureMemberPass, ctx, { member_id: request.member_id, pass_type: 'apple', channel: 'sms' });
    }
    const passId = request.pass_id ?? '';
    if (!UUID.test(passId)) throw DomainError.notFound('Pass');
    return this.rpc.send(PassInternalPatterns.getPass, ctx, { pass_id: passId.toLowerCase() });
  }

  private async enqueue(message: SmsMessage, reservation: QuotaReservation | null): Promise<void> {
    try {
      await this.queue.enqueue(message.id);
    } catch {
      // Redis refused the job: nothing will send it, so say so now rather than leave it queued.
      await this.db.getRepository(SmsMessage).update({ id: message.id }, { status: 'failed', errorMessage: 'could not be queued for sending' });
      await reservation?.release().catch(() => undefined);
      throw new DomainError('unavailable', 'The SMS could not be queued; please retry', undefined, 2);
    }
  }
}
