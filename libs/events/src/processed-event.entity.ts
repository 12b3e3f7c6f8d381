import { CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The events a consumer has handled, in the consuming service's own schema. Recorded in the
 * handler's transaction, so an event is handled exactly once however often it is delivered.
 */
@Entity({ name: 'processed_events' })
@Index('idx_processed_events_at', ['processedAt'])
export class ProcessedEvent {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  consumer: string;

  @PrimaryColumn({ name: 'event_id', type: 'uuid' })
  eventId: string;

  @CreateDateColumn({ name: 'processed_at', type: 'timestamptz' })
  processedAt: Date;
}
