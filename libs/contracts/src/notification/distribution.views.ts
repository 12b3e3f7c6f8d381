import { ApiProperty } from '@nestjs/swagger';

/**
 * Where a message stands. `dry_run`: composed, never sent. `queued`: waiting in our send
 * queue or Twilio's. The rest are Twilio's delivery states, as its status callbacks report
 * them.
 */
export const SMS_STATUSES = ['dry_run', 'queued', 'sending', 'sent', 'delivered', 'undelivered', 'failed'] as const;
export type SmsStatus = (typeof SMS_STATUSES)[number];

export class SendPassSmsResult {
  @ApiProperty({ format: 'uuid' }) message_id: string;
  @ApiProperty({ enum: SMS_STATUSES, example: 'queued' }) status: SmsStatus;
  @ApiProperty({ example: '+14155550123' }) to: string;
  @ApiProperty({ example: 'https://walletpass.example/s/q3Vx0bK9_mZa' }) short_url: string;
  @ApiProperty({ description: 'The exact text sent (or, in a dry run, that would be sent)' }) body: string;
  @ApiProperty() dry_run: boolean;
  @ApiProperty({ format: 'uuid', description: 'The pass the link leads to (created when a member had none)' }) pass_id: string;
}

/** `sending`: handed to the SMTP server with no answer recorded (only if the service stopped mid-send). */
export const EMAIL_STATUSES = ['dry_run', 'sending', 'sent', 'failed'] as const;
export type EmailStatus = (typeof EMAIL_STATUSES)[number];

/** What `POST /v1/distribution/send-pass-email` sent, or in a dry run would send. */
export class SendPassEmailResult {
  @ApiProperty({ format: 'uuid' }) message_id: string;
  @ApiProperty({ enum: EMAIL_STATUSES, example: 'sent', description: 'sent: the SMTP server accepted it; failed: it refused or did not answer (see `error`)' }) status: EmailStatus;
  @ApiProperty({ example: 'ada@example.com' }) to: string;
  @ApiProperty({ example: 'Your Example Coffee card' }) subject: string;
  @ApiProperty({ example: 'https://walletpass.example/s/q3Vx0bK9_mZa', description: 'Short link to the hosted Add to Wallet page; installs through it count under channel email' }) link: string;
  @ApiProperty({ type: [String], example: ['pass-3f6c2a7e-8d1b-4c55-9a3e-2b7f1d0c9e41.pkpass'], description: 'Apple passes: the signed .pkpass' }) attachments: string[];
  @ApiProperty({ description: 'The plain-text body (an HTML version with the same link is sent beside it)' }) text: string;
  @ApiProperty() dry_run: boolean;
  @ApiProperty({ format: 'uuid', description: 'The pass the link leads to (created when a member had none)' }) pass_id: string;
  @ApiProperty({ nullable: true, type: String, description: "The SMTP server's reason when status is failed" }) error: string | null;
}

export class SmsMessageView {
  @ApiProperty({ format: 'uuid' }) message_id: string;
  @ApiProperty({ enum: SMS_STATUSES }) status: SmsStatus;
  @ApiProperty() to: string;
  @ApiProperty({ format: 'uuid' }) pass_id: string;
  @ApiProperty({ nullable: true, type: String }) member_id: string | null;
  @ApiProperty() short_url: string;
  @ApiProperty({ description: 'How often the short link was followed' }) clicks: number;
  @ApiProperty() body: string;
  @ApiProperty() dry_run: boolean;
  @ApiProperty({ nullable: true, type: String, description: "Twilio's message SID (SM...) once Twilio accepted it" }) provider_message_id: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Twilio error code of a failed or undelivered message' }) error_code: string | null;
  @ApiProperty({ nullable: true, type: String }) error_message: string | null;
  @ApiProperty() created_at: string;
  @ApiProperty() updated_at: string;
}
