import { Module } from '@nestjs/common';
import { eventConsumerProvider, outboxRelayProvider } from '@wp/events';
import { DistributionModule } from './distribution/distribution.module';
import { EnrollmentModule } from './enrollment/enrollment.module';
import { EventLogSubscriber } from './event-log/event-log.subscriber';
import { InsightsModule } from './insights/insights.module';
import { NotificationsModule } from './notifications/notifications.module';
import { PushModule } from './push/push.module';
import { ScheduledNotificationsModule } from './scheduled/scheduled.module';
import { WebhooksModule } from './webhooks/webhooks.module';

/** The notification service's features; the rest are filled in by their own issues. */
@Module({
  imports: [WebhooksModule, InsightsModule, DistributionModule, PushModule, NotificationsModule, EnrollmentModule, ScheduledNotificationsModule],
  // The relay publishes what notification itself emits (sms.*, link.clicked) from its outbox.
  providers: [EventLogSubscriber, eventConsumerProvider('notification', EventLogSubscriber), outboxRelayProvider()],
})
export class NotificationModule {}
