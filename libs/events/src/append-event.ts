import { DomainEvent, EventOf, EventPayloads, EventType } from '@wp/contracts';
import { currentTraceparent } from '@wp/observability';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { OutboxEvent } from './outbox.entity';

/** The LISTEN/NOTIFY channel of one schema's outbox (a database holds every service's schema). */
export function outboxChannel(schema: string): string {
  return `wp_outbox_${schema}`;
}

export function createEvent<T extends EventType>(type: T, tenantId: string, data: EventPayloads[T], occurredAt = new Date()): EventOf<T> {
  return { id: randomUUID(), type, tenantId, occurredAt: occurredAt.toISOString(), data } as EventOf<T>;
}

/**
 * Records events in the outbox through `tx`, the transaction of the change they describe:
 * both commit or neither does. The NOTIFY is delivered at commit (never on rollback) and
 * wakes the relay at once instead of at its next poll.
 */
export async function appendEvents(tx: EntityManager, events: readonly DomainEvent[]): Promise<void> {
  if (events.length === 0) return;
  const metadata = tx.connection.getMetadata(OutboxEvent);
  const driver = tx.connection.driver;
  const schema = metadata.schema ?? 'public';
  const table = `${driver.escape(schema)}.${driver.escape(metadata.tableName)}`;
  const traceparent = currentTraceparent();
  await tx.query(
    `WITH inserted AS (
       INSERT INTO ${table} (event_id, type, tenant_id, occurred_at, data, trace_parent)
       SELECT * FROM unnest($1::uuid[], $2::varchar[], $3::uuid[], $4::timestamptz[], $5::jsonb[], $7::varchar[])
       RETURNING 1
     )
     SELECT pg_notify($6, '') FROM (SELECT 1 FROM inserted LIMIT 1) AS any_row`,
    [
      events.map((e) => e.id),
      events.map((e) => e.type),
      events.map((e) => e.tenantId),
      events.map((e) => e.occurredAt),
      events.map((e) => JSON.stringify(e.data)),
      outboxChannel(schema),
      // The change's own trace (the RPC or job span writing the row), so the relayed job continues it.
      events.map((e) => e.traceparent ?? traceparent ?? null),
    ],
  );
}

export async function appendEvent(tx: EntityManager, event: DomainEvent): Promise<void> {
  await appendEvents(tx, [event]);
}
