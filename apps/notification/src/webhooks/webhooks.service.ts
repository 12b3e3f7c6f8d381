import { Inject, Injectable } from '@nestjs/common';
import {
  CreateWebhookDto,
  DomainError,
  Page,
  PageQueryDto,
  WEBHOOK_TEST_EVENT,
  WebhookCreated,
  WebhookDeletedView,
  WebhookDeliveryView,
  WebhookPayload,
  WebhookView,
} from '@wp/contracts';
import { SecretBox } from '@wp/crypto';
import { pageNewestFirst } from '@wp/database';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DestinationPolicy } from './egress/destination-policy';
import { Resolver } from './egress/guarded-lookup';
import { checkWebhookUrl } from './egress/webhook-url';
import { WEBHOOK_CONFIG, WebhookConfig } from './webhook.config';
import { WebhookDeliverer, secretAad } from './webhook-deliverer';
import { WebhookDelivery } from './webhook-delivery.entity';
import { generateWebhookSecret } from './webhook-signature';
import { Webhook } from './webhook.entity';

export const WEBHOOK_RESOLVER = Symbol('WEBHOOK_RESOLVER');

export function webhookView(row: Webhook): WebhookView {
  return {
    id: row.id,
    url: row.url,
    events: row.events,
    description: row.description,
    status: row.status,
    disabled_reason: row.disabledReason,
    created_at: row.createdAt.toISOString(),
  };
}

export function deliveryView(row: WebhookDelivery): WebhookDeliveryView {
  return {
    id: row.id,
    event_id: row.eventId,
    event_type: row.eventType,
    attempt: row.attempt,
    status_code: row.statusCode,
    success: row.success,
    error: row.error,
    created_at: row.createdAt.toISOString(),
  };
}

@Injectable()
export class WebhooksService {
  private readonly policy: DestinationPolicy;

  constructor(
    private readonly db: DataSource,
    private readonly box: SecretBox,
    private readonly deliverer: WebhookDeliverer,
    @Inject(WEBHOOK_CONFIG) config: WebhookConfig,
    @Inject(WEBHOOK_RESOLVER) private readonly resolver: Resolver,
  ) {
    this.policy = new DestinationPolicy(config.WEBHOOK_ALLOW_LOOPBACK);
  }

  /** Refuses SSRF destinations now; the send-time lookup refuses them again (DNS may change). */
  async create(tenantId: string, dto: CreateWebhookDto): Promise<WebhookCreated> {
    const checked = await checkWebhookUrl(dto.url, this.policy, this.resolver);
    if ('refused' in checked) throw DomainError.invalid('url', checked.refused);
    const id = randomUUID();
    const secret = generateWebhookSecret();
    const row = await this.db.getRepository(Webhook).save({
      id,
      tenantId,
      url: checked.url,
      events: dto.events,
      description: dto.description ?? null,
      sealedSecret: this.box.seal(secret, secretAad(tenantId, id)),
      keyId: this.box.keyId,
      status: 'active',
      disabledReason: null,
    });
    return { ...webhookView(row), secret };
  }

  list(tenantId: string, query: PageQueryDto): Promise<Page<WebhookView>> {
    const qb = this.db.getRepository(Webhook).createQueryBuilder('w').where('w.tenant_id = :tenantId', { tenantId });
    return pageNewestFirst(qb, 'w', query, webhookView);
  }

  async get(tenantId: string, id: string): Promise<WebhookView> {
    return webhookView(await this.find(tenantId, id));
  }

  /** Deliveries still queued for it find no endpoint and end without sending. */
  async delete(tenantId: string, id: string): Promise<WebhookDeletedView> {
    const result = await this.db.getRepository(Webhook).delete({ id, tenantId });
    if (!result.affected) throw DomainError.notFound('Webhook');
    return { id, deleted_at: new Date().toISOString() };
  }

  async deliveries(tenantId: string, id: string, query: PageQueryDto): Promise<Page<WebhookDeliveryView>> {
    await this.find(tenantId, id);
    const qb = this.db.getRepository(WebhookDelivery).createQueryBuilder('d').where('d.webhook_id = :id AND d.tenant_id = :tenantId', { id, tenantId });
    return pageNewestFirst(qb, 'd', query, deliveryView);
  }

  /**
   * Sends one signed `webhook.test` event now and answers with the recorded attempt: status
   * and outcome only. The receiver's body is never echoed back (OWASP API7 scenario 2: a
   * test button that shows the response turns the service into a proxy for internal reads).
   */
  async test(tenantId: string, id: string): Promise<WebhookDeliveryView> {
    const webhook = await this.find(tenantId, id);
    const payload: WebhookPayload = {
      id: randomUUID(),
      type: WEBHOOK_TEST_EVENT,
      created_at: new Date().toISOString(),
      tenant_id: tenantId,
      data: { webhook_id: webhook.id, message: 'This is a test event from WalletPass.' },
    };
    const { delivery } = await this.deliverer.attempt(webhook, payload.id, payload.type, JSON.stringify(payload), 1, { test: true });
    return deliveryView(delivery);
  }

  private async find(tenantId: string, id: string): Promise<Webhook> {
    const row = await this.db.getRepository(Webhook).findOneBy({ id, tenantId });
    if (!row) throw DomainError.notFound('Webhook');
    return row;
  }
}
