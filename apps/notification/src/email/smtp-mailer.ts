import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { DomainError } from '@wp/contracts';
import { CONFIG } from '@wp/service-runtime';
import { createTransport, type Transporter } from 'nodemailer';
import type { NotificationConfig } from '../config';

export interface OutgoingEmail {
  fromName: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments: Array<{ filename: string; content: Buffer; contentType: string }>;
}

/**
 * Pass e-mails over SMTP (`SMTP_URL`, nodemailer). The transport is made at start and closed
 * at shutdown; without SMTP_URL the service still runs and a real send is refused clearly.
 * The URL holds credentials, so it is never logged or echoed.
 */
@Injectable()
export class SmtpMailer implements OnModuleInit, OnModuleDestroy {
  private transport?: Transporter;
  private readonly fromAddress: string;

  constructor(@Inject(CONFIG) private readonly config: NotificationConfig) {
    this.fromAddress = config.SMTP_FROM ?? `no-reply@${new URL(config.PUBLIC_BASE_URL).hostname}`;
  }

  onModuleInit(): void {
    if (!this.config.SMTP_URL) return;
    const timeout = this.config.EMAIL_SEND_TIMEOUT_MS;
    this.transport = createTransport({ url: this.config.SMTP_URL, connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout });
  }

  onModuleDestroy(): void {
    this.transport?.close();
  }

  assertConfigured(): void {
    if (this.transport) return;
    throw new DomainError('unprocessable', 'E-mail sending is not configured on this server (SMTP_URL is not set); use ?dry_run=1 to compose a message without sending it');
  }

  /** The SMTP server's Message-ID; throws what the server (or the connection) said when it did not take the message. */
  async send(email: OutgoingEmail): Promise<string> {
    this.assertConfigured();
    // SMTP_FROM is the operator's full sender; otherwise the tenant's name over our address.
    const from = this.config.SMTP_FROM ?? { name: email.fromName, address: this.fromAddress };
    const info = await (this.transport as Transporter).sendMail({
      from,
      to: email.to,
      subject: email.subject,
      text: email.text,
      html: email.html,
      attachments: email.attachments,
    });
    return String(info.messageId ?? '');
  }
}
