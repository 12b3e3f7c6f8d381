import type { ScheduledState } from '@wp/contracts';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export type AudienceKind = 'member_ids' | 'tier' | 'all';

/**
 * A message to send to an audience at `send_at` (POST /v1/notifications/scheduled). This
 * row, not a timer or a queue, is the source of truth: a replica claims it when it is due
 * (or when its lease lapsed because the replica sending it died), so a send survives
 * restarts and is driven by one replica at a time.
 */
@Entity({ name: 'scheduled_notifications' })
@Index('idx_scheduled_notifications_tenant_created', ['tenantId', 'createdAt', 'id'])
@Index('idx_scheduled_notifications_due', ['sendAt'], { where: `state IN ('scheduled', 'sending')` })
export class ScheduledNotification {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ type: 'text' })
  message: string;

  @Column({ name: 'send_at', type: 'timestamptz' })
  sendAt: Date;

  @Column({ type: 'varchar', length: 16 })
  state: ScheduledState;

  @Column({ name: 'audience_kind', type: 'varchar', length: 16 })
  audienceKind: AudienceKind;

  @Column({ name: 'audience_member_ids', type: 'text', array: true, nullable: true })
  audienceMemberIds: string[] | null;

  @Column({ name: 'audience_tier', type: 'varchar', length: 64, nullable: true })
  audienceTier: string | null;

  /** True once every audience member has a recipient row; until then `resolveCursor` says where member-data's list stopped. */
  @Column({ name: 'audience_resolved', type: 'boolean', default: false })
  audienceResolved: boolean;

  @Column({ name: 'resolve_cursor', type: 'varchar', length: 512, nullable: true })
  resolveCursor: string | null;

  /** The replica sending it, until `leaseUntil`; renewed while it works, taken over after. */
  @Column({ name: 'lease_owner', type: 'varchar', length: 120, nullable: true })
  leaseOwner: string | null;

  @Column({ name: 'lease_until', type: 'timestamptz', nullable: true })
  leaseUntil: Date | null;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
