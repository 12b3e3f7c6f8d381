import { Module } from '@nestjs/common';
import { NotificationsController } from './notifications.controller';

/** /v1/notifications*: messages on passes, owned by notification (spec/API.md §1). */
@Module({ controllers: [NotificationsController] })
export class NotificationRoutesModule {}
