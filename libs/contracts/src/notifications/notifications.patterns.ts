import type { Rpc } from '../rpc';
import type { SendNotificationDto } from './notifications.dto';
import type { NotificationView } from './notifications.views';

// Do not change the values: they are channel names on the Redis transport.
export const NotificationPatterns = {
  send: 'notification.notifications.send',
} as const;

// Do not change the values: BullMQ queue names (Redis keys under the fleet namespace).
export const PUSH_QUEUES = {
  /**
   * notification: `pass` jobs (one per pass.updated event) ask pass-generation who holds the
   * pass and fan out `device` jobs, one per device and pass version (the job id dedups them).
   */
  passPush: 'notification.pass-push',
} as const;

/** Google allows 3 notifying messages per pass per 24 h. */
export const GOOGLE_NOTIFYING_MESSAGES_PER_DAY = 3;

export interface NotificationRpcMap {
  [NotificationPatterns.send]: Rpc<SendNotificationDto, NotificationView>;
}
