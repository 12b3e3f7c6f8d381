import { Module } from '@nestjs/common';
import { NotificationsController } from './notifications.controller';
import { ScheduledNotificationsController } from './scheduled-notifications.controller';

/** /v1/notifications*: messages on passes, now or scheduled, owned by notification. */
@Module({ controllers: [NotificationsController, ScheduledNotificationsController] })
export class NotificationRoutesModule {}
