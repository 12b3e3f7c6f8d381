import { Module } from '@nestjs/common';
import { NotificationsController } from './notifications.controller';

/** /v1/notifications*: messages on passes, owned by notification. */
@Module({ controllers: [NotificationsController] })
export class NotificationRoutesModule {}
