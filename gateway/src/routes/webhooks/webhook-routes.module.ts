import { Module } from '@nestjs/common';
import { WebhooksController } from './webhooks.controller';

/** /v1/webhooks*, owned by notification. */
@Module({ controllers: [WebhooksController] })
export class WebhookRoutesModule {}
