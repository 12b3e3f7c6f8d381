import { Injectable } from '@nestjs/common';
import { DomainEvent, WebhookPayload, subscribesTo } from '@wp/contracts';
import type { EntityManager } from 'typeorm';
import { WebhookDeliveryQueue } from './webhook-delivery.queue';
import { Webhook } from './webhook.entity';

export function webhookPayload(event: DomainEvent): WebhookPayload {
  return { id: event.id, type: event.type, created_at: event.occurredAt, tenant_id: event.tenantId, data: event.data };
}

/**
 * Fans one event out to the tenant's active endpoints that subscribe to its type: one
 * delivery job each. Runs inside the event's handling transaction, so a failed enqueue
 * rolls the event back for a retry; a retry that re-adds a job is ignored by its job id.
 */
@Injectable()
export class WebhookDispatcher {
  constructor(private readonly queue: WebhookDeliveryQueue) {}

  async dispatch(event: DomainEvent, tx: EntityManager): Promise<number> {
    const endpoints = await tx.getRepository(Webhook).find({ select: { id: true, events: true }, where: { tenantId: event.tenantId, status: 'active' } });
    const targets = endpoints.filter((endpoint) => subscribesTo(endpoint.events, event.type));
    if (targets.length === 0) return 0;
    const body = JSON.stringify(webhookPayload(event));
    await this.queue.enqueue(targets.map((endpoint) => ({ tenantId: event.tenantId, webhookId: endpoint.id, eventId: event.id, eventType: event.type, body })));
    return targets.length;
  }
}
