import type { EventType } from '@wp/contracts';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Events waiting to be relayed, in the producing service's own schema (the data source's
 * `schema` option places the table, so every producer uses this one class). Rows are
 * written in the transaction of the change they describe and only marked published after
 * the queue accepted them.
 */
@Entity({ name: 'outbox' })
@Index('idx_outbox_unpublished', ['seq'], { where: '"published_at" IS NULL' })
@Index('idx_outbox_published_at', ['publishedAt'])
export class OutboxEvent {
  /** Insertion order, which the relay follows. */
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  seq: string;

  @Column({ name: 'event_id', type: 'uuid', unique: true })
  eventId: string;

  @Column({ type: 'varchar', length: 64 })
  type: EventType;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  @Column({ type: 'jsonb' })
  data: object;

  /** The trace of the change that wrote the row (W3C traceparent), carried into the job; null when tracing is off. */
  @Column({ name: 'trace_parent', type: 'varchar', length: 55, nullable: true })
  traceParent: string | null;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;
}
