import type { EventType } from '@wp/contracts';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** Every domain event of the fleet as notification received it: the insights event log. */
@Entity({ name: 'event_log' })
@Index('idx_event_log_tenant_occurred', ['tenantId', 'occurredAt', 'id'])
@Index('idx_event_log_tenant_type_occurred', ['tenantId', 'type', 'occurredAt'])
// Insights' events list filtered by member.
@Index('idx_event_log_tenant_member_occurred', ['tenantId', 'memberId', 'occurredAt', 'id'])
export class EventLogEntry {
  /** The event id: one row per event, however often it was delivered. */
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ type: 'varchar', length: 64 })
  type: EventType;

  @Column({ name: 'member_id', type: 'varchar', length: 64, nullable: true })
  memberId: string | null;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  @Column({ type: 'jsonb' })
  data: object;

  @CreateDateColumn({ name: 'received_at', type: 'timestamptz' })
  receivedAt: Date;
}
