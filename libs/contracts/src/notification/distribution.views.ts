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
