import type { Page, PageQueryDto } from '../pagination';
import type { Rpc } from '../rpc';
import type { CreateWebhookDto } from './webhook.dto';
import type { WebhookCreated, WebhookDeletedView, WebhookDeliveryView, WebhookView } from './webhook.views';

// Do not change the values: they are channel names on the Redis transport.
export const WebhookPatterns = {
  create: 'notification.webhooks.create',
  list: 'notification.webhooks.list',
  get: 'notification.webhooks.get',
  delete: 'notification.webhooks.delete',
  listDeliveries: 'notification.webhooks.deliveries',
  test: 'notification.webhooks.test',
} as const;

// Do not change the value: a BullMQ queue name (Redis keys under the fleet namespace).
export const WEBHOOK_DELIVERY_QUEUE = 'notification.webhook-deliveries';

export interface WebhookKey {
  id: string;
}

export interface WebhookRpcMap {
  [WebhookPatterns.create]: Rpc<CreateWebhookDto, WebhookCreated>;
  [WebhookPatterns.list]: Rpc<PageQueryDto, Page<WebhookView>>;
  [WebhookPatterns.get]: Rpc<WebhookKey, WebhookView>;
  [WebhookPatterns.delete]: Rpc<WebhookKey, WebhookDeletedView>;
  [WebhookPatterns.listDeliveries]: Rpc<WebhookKey & PageQueryDto, Page<WebhookDeliveryView>>;
  [WebhookPatterns.test]: Rpc<WebhookKey, WebhookDeliveryView>;
}

/**
 * A delivery job: one event to one endpoint. The endpoint (URL, secret, status) is loaded
 * fresh by the worker; the body is fixed at enqueue so every retry sends and signs the very
 * same bytes.
 */
export interface WebhookDeliveryJob {
  tenantId: string;
  webhookId: string;
  eventId: string;
  eventType: string;
  body: string;
}
