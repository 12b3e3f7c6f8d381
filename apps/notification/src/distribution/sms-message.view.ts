import type { SmsMessageView } from '@wp/contracts';
import type { SmsMessage } from './sms-message.entity';

export function smsMessageView(message: SmsMessage, link: { shortUrl: string; clicks: number }): SmsMessageView {
  return {
    message_id: message.id,
    status: message.status,
    to: message.to,
    pass_id: message.passId,
    member_id: message.memberId,
    short_url: link.shortUrl,
    clicks: link.clicks,
    body: message.body,
    dry_run: message.dryRun,
    provider_message_id: message.providerSid,
    error_code: message.errorCode,
    error_message: message.errorMessage,
    created_at: message.createdAt.toISOString(),
    updated_at: message.updatedAt.toISOString(),
  };
}
