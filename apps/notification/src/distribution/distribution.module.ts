import { Module } from '@nestjs/common';
import { EmailSendLimiter } from '../email/email-send.limiter';
import { PassEmailController } from '../email/pass-email.controller';
import { PassEmailService } from '../email/pass-email.service';
import { SmtpMailer } from '../email/smtp-mailer';
import { HostedPageController } from '../hosted-page/hosted-page.controller';
import { HostedPagesService } from '../hosted-page/hosted-pages.service';
import { ShortLinksController } from '../short-links/short-links.controller';
import { ShortLinksService } from '../short-links/short-links.service';
import { SmsDailyQuota } from '../sms/sms-daily-quota';
import { SmsDeliveryService } from '../sms/sms-delivery.service';
import { SmsSendRateLimiter } from '../sms/sms-send-rate.limiter';
import { SmsSendQueue } from '../sms/sms-send.queue';
import { SmsSendWorker } from '../sms/sms-send.worker';
import { TwilioAccount } from '../sms/twilio-account';
import { TwilioStatusController } from '../twilio/twilio-status.controller';
import { TwilioStatusService } from '../twilio/twilio-status.service';
import { DistributionController } from './distribution.controller';
import { DistributionService } from './distribution.service';

/** Distribution: SMS through Twilio, e-mail through SMTP, short links and the hosted Add to Wallet page. */
@Module({
  controllers: [DistributionController, PassEmailController, TwilioStatusController, ShortLinksController, HostedPageController],
  providers: [
    DistributionService,
    PassEmailService,
    SmtpMailer,
    EmailSendLimiter,
    HostedPagesService,
    ShortLinksService,
    TwilioAccount,
    SmsDailyQuota,
    SmsSendRateLimiter,
    SmsSendQueue,
    SmsDeliveryService,
    SmsSendWorker,
    TwilioStatusService,
  ],
  // Enrollment forms end on the hosted page of the pass they made.
  exports: [HostedPagesService],
})
export class DistributionModule {}
