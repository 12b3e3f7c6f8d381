import { Module } from '@nestjs/common';
import { systemResolver } from './egress/guarded-lookup';
import { WEBHOOK_CONFIG, WebhookConfig, webhookConfigProvider } from './webhook.config';
import { WEBHOOK_SENDER, WebhookDeliverer, createWebhookSender } from './webhook-deliverer';
import { WebhookDeliveryQueue } from './webhook-delivery.queue';
import { WebhookDispatcher } from './webhook.dispatcher';
import { WEBHOOK_RESOLVER, WebhooksService } from './webhooks.service';
import { WebhooksController } from './webhooks.controller';

/** Outgoing webhooks: endpoints, signed deliveries with retries, and their records. */
@Module({
  controllers: [WebhooksController],
  providers: [
    webhookConfigProvider,
    { provide: WEBHOOK_RESOLVER, useValue: systemResolver },
    { provide: WEBHOOK_SENDER, useFactory: (config: WebhookConfig) => createWebhookSender(config), inject: [WEBHOOK_CONFIG] },
    WebhookDeliverer,
    WebhookDeliveryQueue,
    WebhookDispatcher,
    WebhooksService,
  ],
  exports: [WebhookDispatcher],
})
export class WebhooksModule {}
