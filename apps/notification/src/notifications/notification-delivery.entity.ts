import type { NotificationChannel, PassType } from '@wp/contracts';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Notification } from './notification.entity';

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

/**
 * A notification on one pass. Google's notifying messages per pass are counted from these
 * rows (pending and delivered ones), which is how the 3-per-24-h cap is enforced before
 * Google is asked.
 */
@Entity({ name: 'notification_deliveries' })
@Index('idx_notification_deliveries_pass_created', ['passId', 'createdAt'])
export class NotificationDelivery {
  @PrimaryColumn({ name: 'notification_id', type: 'uuid' })
  notificationId: string;

  @ManyToOne(() => Notification, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'notification_id' })
  notification?: Notification;

  @PrimaryColumn({ name: 'pass_id', type: 'uuid' })
  passId: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ name: 'pass_type', type: 'varchar', length: 16 })
  passType: PassType;

  @Column({ type: 'varchar', length: 16 })
  channel: NotificationChannel;

  @Column({ type: 'varchar', length: 16 })
  status: DeliveryStatus;

  /** Apple: the pass version that carries the message. */
  @Column({ type: 'integer', nullable: true })
  version: number | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  error: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
