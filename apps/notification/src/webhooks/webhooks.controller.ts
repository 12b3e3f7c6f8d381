import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  CreateWebhookDto,
  Message,
  Page,
  PageQueryDto,
  WebhookCreated,
  WebhookDeletedView,
  WebhookDeliveryView,
  WebhookKey,
  WebhookPatterns,
  WebhookView,
  requireTenant,
} from '@wp/contracts';
import { Rpc } from '@wp/messaging';
import { WebhooksService } from './webhooks.service';

@Controller()
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Rpc(WebhookPatterns.create)
  create(@Payload() { ctx, payload }: Message<CreateWebhookDto>): Promise<WebhookCreated> {
    return this.webhooks.create(requireTenant(ctx), payload);
  }

  @Rpc(WebhookPatterns.list)
  list(@Payload() { ctx, payload }: Message<PageQueryDto>): Promise<Page<WebhookView>> {
    return this.webhooks.list(requireTenant(ctx), payload);
  }

  @Rpc(WebhookPatterns.get)
  get(@Payload() { ctx, payload }: Message<WebhookKey>): Promise<WebhookView> {
    return this.webhooks.get(requireTenant(ctx), payload.id);
  }

  @Rpc(WebhookPatterns.delete)
  delete(@Payload() { ctx, payload }: Message<WebhookKey>): Promise<WebhookDeletedView> {
    return this.webhooks.delete(requireTenant(ctx), payload.id);
  }

  @Rpc(WebhookPatterns.listDeliveries)
  deliveries(@Payload() { ctx, payload }: Message<WebhookKey & PageQueryDto>): Promise<Page<WebhookDeliveryView>> {
    const { id, ...query } = payload;
    return this.webhooks.deliveries(requireTenant(ctx), id, query);
  }

  @Rpc(WebhookPatterns.test)
  test(@Payload() { ctx, payload }: Message<WebhookKey>): Promise<WebhookDeliveryView> {
    return this.webhooks.test(requireTenant(ctx), payload.id);
  }
}
