import { Module } from '@nestjs/common';
import { ScheduledAudienceResolver } from './scheduled-audience.resolver';
import { ScheduledNotificationRunner } from './scheduled-notification.runner';
import { ScheduledNotificationsController } from './scheduled-notifications.controller';
import { ScheduledNotificationsService } from './scheduled-notifications.service';
import { ScheduledRecipientSender } from './scheduled-recipient.sender';

/** Scheduled notifications (POST /v1/notifications/scheduled): durable rows, sent once at send_at by whichever replica claims them. */
@Module({
  controllers: [ScheduledNotificationsController],
  providers: [ScheduledNotificationsService, ScheduledNotificationRunner, ScheduledAudienceResolver, ScheduledRecipientSender],
})
export class ScheduledNotificationsModule {}
