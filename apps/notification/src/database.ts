import { OutboxEvent, ProcessedEvent } from '@wp/events';
import { SmsMessage } from './distribution/sms-message.entity';
import { EmailMessage } from './email/email-message.entity';
import { EnrollmentForm } from './enrollment/enrollment-form.entity';
import { EventLogEntry } from './event-log/event-log-entry.entity';
import { HostedPage } from './hosted-page/hosted-page.entity';
import { MetricRollup } from './insights/metric-rollup.entity';
import { migrations } from './migrations';
import { NotificationDelivery } from './notifications/notification-delivery.entity';
import { Notification } from './notifications/notification.entity';
import { ScheduledNotification } from './scheduled/scheduled-notification.entity';
import { ScheduledRecipient } from './scheduled/scheduled-recipient.entity';
import { ShortLink } from './short-links/short-link.entity';
import { WebhookDelivery } from './webhooks/webhook-delivery.entity';
import { Webhook } from './webhooks/webhook.entity';

/** The notification schema: its entities and the migrations that build them. */
export const notificationDatabase = {
  schema: 'notification',
  entities: [EventLogEntry, ProcessedEvent, Webhook, WebhookDelivery, MetricRollup, OutboxEvent, HostedPage, ShortLink, SmsMessage, EmailMessage, Notification, NotificationDelivery, EnrollmentForm, ScheduledNotification, ScheduledRecipient],
  migrations,
};
