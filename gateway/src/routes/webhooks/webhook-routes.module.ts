import { Module } from '@nestjs/common';
import { WebhooksController } from './webhooks.controller';

/** /v1/webhooks*, owned by notification (spec/API.md §1). */
@Module({ controllers: [WebhooksController] })
export class WebhookRoutesModule {}
