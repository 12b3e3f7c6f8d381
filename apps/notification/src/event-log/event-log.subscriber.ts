import { Injectable } from '@nestjs/common';
import type { DomainEvent } from '@wp/contracts';
import { EventHandlerMap, EventSubscriber, handleEveryEvent } from '@wp/events';
import type { EntityManager } from 'typeorm';
import { MetricRollupRecorder } from '../insights/metric-rollup.recorder';
import { PassPushDispatcher } from '../push/pass-push.dispatcher';
import { WebhookDispatcher } from '../webhooks/webhook.dispatcher';
import { EventLogEntry } from './event-log-entry.entity';

/**
 * Records every event in the event log. A plain insert on purpose: the consumer's
 * processed_events already makes each event arrive here once, and a second insert of one id
 * would fail loudly rather than hide a broken deduplication. In the same transaction the
 * event is fanned out to the tenant's webhooks, a new Apple pass version is queued for APNs
 * pushes to its devices, and (afterHandled) the insights rollups are bumped.
 */
@Injectable()
export class EventLogSubscriber implements EventSubscriber<'notification'> {
  readonly handlers: EventHandlerMap<'notification'> = handleEveryEvent('notification', (event, tx) => this.record(event, tx));

  constructor(
    private readonly rollups: MetricRollupRecorder,
    private readonly webhooks: WebhookDispatcher,
    private readonly pushes: PassPushDispatcher,
  ) {}

  private async record(event: DomainEvent, tx: EntityManager): Promise<void> {
    await tx.insert(EventLogEntry, {
      id: event.id,
      tenantId: event.tenantId,
      type: event.type,
      memberId: 'member_id' in event.data ? event.data.member_id : null,
      occurredAt: new Date(event.occurredAt),
      data: event.data,
    });
    await this.webhooks.dispatch(event, tx);
    await this.pushes.dispatch(event);
  }

  /**
   * The insights rollups of every event handled in the transaction, last and in one statement:
   * a busy tenant's rollup rows are hot, so their locks are held the shortest, and always
   * taken in the same order (events handled together would otherwise take them in theirs).
   */
  readonly afterHandled = (events: readonly DomainEvent[], tx: EntityManager): Promise<void> => this.rollups.record(events, tx);
}
