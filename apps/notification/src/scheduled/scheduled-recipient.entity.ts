import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { ScheduledNotification } from './scheduled-notification.entity';

export type RecipientStatus = 'pending' | 'sent' | 'failed' | 'skipped';

/**
 * One audience member of a scheduled notification. Its key (schedule, member) is what makes
 * the send happen once: a member is sent to inside a transaction that holds this row's lock
 * and commits its final status, so a second sender skips it and a crash mid-send leaves it
 * pending for the next one.
 */
@Entity({ name: 'scheduled_notification_recipients' })
@Index('idx_scheduled_recipients_pending', ['scheduleId', 'memberId'], { where: `status = 'pending'` })
export class ScheduledRecipient {
  @PrimaryColumn({ name: 'schedule_id', type: 'uuid' })
  scheduleId: string;

  @ManyToOne(() => ScheduledNotification, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'schedule_id' })
  schedule?: ScheduledNotification;

  @PrimaryColumn({ name: 'member_id', type: 'varchar', length: 64 })
  memberId: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  /** The notifications row (POST /v1/notifications's record) made for this member; its deliveries say which passes show the message. */
  @Column({ name: 'notification_id', type: 'uuid' })
  notificationId: string;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: RecipientStatus;

  /** Sends that met an unavailable service; the member is failed after a few. */
  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'retry_at', type: 'timestamptz', nullable: true })
  retryAt: Date | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  error: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
