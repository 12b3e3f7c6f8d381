import type { Page } from '../pagination';
import type { Rpc } from '../rpc';
import type { CreateScheduledNotificationDto, ListScheduledNotificationsQueryDto } from './scheduled-notifications.dto';
import type { ScheduledNotificationView } from './scheduled-notifications.views';

// Do not change the values: they are channel names on the Redis transport.
export const ScheduledNotificationPatterns = {
  create: 'notification.scheduled.create',
  list: 'notification.scheduled.list',
  get: 'notification.scheduled.get',
  cancel: 'notification.scheduled.cancel',
} as const;

export interface ScheduledNotificationKey {
  id: string;
}

export interface ScheduledNotificationRpcMap {
  [ScheduledNotificationPatterns.create]: Rpc<CreateScheduledNotificationDto, ScheduledNotificationView>;
  [ScheduledNotificationPatterns.list]: Rpc<ListScheduledNotificationsQueryDto, Page<ScheduledNotificationView>>;
  [ScheduledNotificationPatterns.get]: Rpc<ScheduledNotificationKey, ScheduledNotificationView>;
  [ScheduledNotificationPatterns.cancel]: Rpc<ScheduledNotificationKey, ScheduledNotificationView>;
}
