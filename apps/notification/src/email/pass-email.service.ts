import { Inject, Injectable } from '@nestjs/common';
import { CallContext, DomainError, PassFile, PassInternalPatterns, PassSummary, SendPassEmailDto, SendPassEmailResult, requireTenant } from '@wp/contracts';
import { appendEvent, createEvent } from '@wp/events';
import { RpcClient } from '@wp/messaging';
import { LOGGER } from '@wp/service-runtime';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { HostedPagesService } from '../hosted-page/hosted-pages.service';
import { ShortLinksService } from '../short-links/short-links.service';
import { EmailSendLimiter } from './email-send.limiter';
import { EmailMessage } from './email-message.entity';
import { composePassEmail, maskEmail } from './pass-email.composer';
import { SmtpMailer } from './smtp-mailer';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * POST /v1/distribution/send-pass-email (spec/API.md §8.7): the pass's hosted page behind a
 * short link of channel `email`, and for an Apple pass its signed .pkpass attached, sent
 * through SMTP. Every refusal (400/404/422/429) comes before anything is written; every send,
 * dry run included, is recorded, and a real one emits email.sent or email.failed.
 */
@Injectable()
export class PassEmailService {
  constructor(
    private readonly db: DataSource,
    private readonly rpc: RpcClient,
    private readonly pages: HostedPagesService,
    private readonly links: ShortLinksService,
    private readonly mailer: SmtpMailer,
    private readonly limiter: EmailSendLimiter,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async send(ctx: CallContext, request: SendPassEmailDto & { dry_run: boolean }): Promise<SendPassEmailResult> {
    const tenantId = requireTenant(ctx);
    const dryRun = request.dry_run;
    if (!dryRun) this.mailer.assertConfigured();
    const pass = await this.resolvePass(ctx, request);
    if (pass.status !== 'active') throw new DomainError('unprocessable', `The pass is ${pass.status}; it can no longer be added to a wallet`);
    const preview = await this.rpc.send(PassInternalPatterns.hostedPage, ctx, { pass_id: pass.pass_id });
    if (!dryRun) await this.limiter.take(tenantId);
    // The attachment is what the holder installs; fetched through the channel so the install counts as `email`.
    const file: PassFile | null = pass.pass_type === 'apple' && !dryRun ? await this.rpc.send(PassInternalPatterns.appleBundle, ctx, { pass_id: pass.pass_id, channel: 'email' }) : null;
    const attachment = pass.pass_type === 'apple' ? (file?.filename ?? `pass-${pass.pass_id}.pkpass`) : null;

    const { message, link } = await this.db.transaction(async (tx) => {
      const page = await this.pages.ensure(tx, tenantId, pass.pass_id, pass.member_id);
      const shortLink = await this.links.create(tx, page, 'email');
      const url = this.links.url(shortLink.code);
      const email = composePassEmail({ companyName: preview.company_name, memberName: preview.member_name, link: url, attachment, subject: request.subject });
      const saved = await tx.save(
        tx.create(EmailMessage, {
          tenantId,
          passId: pass.pass_id,
          memberId: pass.member_id,
          to: request.email,
          subject: email.subject,
          body: email.text,
          attachments: attachment ? [attachment] : [],
          shortLinkId: shortLink.id,
          dryRun,
          status: dryRun ? 'dry_run' : 'sending',
          smtpMessageId: null,
          errorMessage: null,
        }),
      );
      return { message: { ...saved, html: email.html }, link: { code: shortLink.code, url } };
    });

    if (!dryRun) {
      try {
        const smtpMessageId = await this.mailer.send({
          fromName: preview.company_name,
          to: message.to,
          subject: message.subject,
          text: message.body,
          html: message.html,
          attachments: file ? [{ filename: file.filename, content: Buffer.from(file.body_base64, 'base64'), contentType: file.content_type }] : [],
        });
        await this.settle(message, { status: 'sent', smtpMessageId: smtpMessageId.slice(0, 255) }, link.code);
        message.status = 'sent';
      } catch (error) {
        const reason = describe(error);
        this.logger.warn({ message_id: message.id, to: maskEmail(message.to), err: reason }, 'pass e-mail not sent');
        await this.settle(message, { status: 'failed', errorMessage: reason }, link.code);
        message.status = 'failed';
        message.errorMessage = reason;
      }
    }
    return {
      message_id: message.id,
      status: message.status,
      to: message.to,
      subject: message.subject,
      link: link.url,
      attachments: message.attachments,
      text: message.body,
      dry_run: dryRun,
      pass_id: message.passId,
      error: message.errorMessage,
    };
  }

  /** The outcome and its event, together: the record and the event log never disagree. */
  private async settle(message: EmailMessage, outcome: Partial<EmailMessage>, shortCode: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.update(EmailMessage, { id: message.id }, outcome);
      const ref = { message_id: message.id, pass_id: message.passId, member_id: message.memberId };
      const event =
        outcome.status === 'sent'
          ? createEvent('email.sent', message.tenantId, { ...ref, to: maskEmail(message.to), short_code: shortCode })
          : createEvent('email.failed', message.tenantId, { ...ref, error: outcome.errorMessage ?? 'not sent' });
      await appendEvent(tx, event);
    });
  }

  private resolvePass(ctx: CallContext, request: SendPassEmailDto): Promise<PassSummary> {
    if (request.member_id !== undefined && request.member_id !== null) {
      // The member's Apple pass, as for SMS: it can always be signed, and its page still offers Google Wallet.
      return this.rpc.send(PassInternalPatterns.ensureMemberPass, ctx, { member_id: request.member_id, pass_type: 'apple', channel: 'email' });
    }
    const passId = request.pass_id ?? '';
    if (!UUID.test(passId)) throw DomainError.notFound('Pass');
    return this.rpc.send(PassInternalPatterns.getPass, ctx, { pass_id: passId.toLowerCase() });
  }
}

/** The SMTP server's answer (never the URL, which holds credentials), cut to fit the record. */
function describe(error: unknown): string {
  const e = error as { response?: unknown; code?: unknown; message?: unknown };
  const text = typeof e.response === 'string' ? e.response : typeof e.message === 'string' ? e.message : 'unexpected error while sending';
  return `${typeof e.code === 'string' ? `${e.code}: ` : ''}${text}`.slice(0, 500);
}
