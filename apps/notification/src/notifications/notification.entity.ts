import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** A message sent to pass holders (POST /v1/notifications). */
@Entity({ name: 'notifications' })
@Index('idx_notifications_tenant_created', ['tenantId', 'createdAt', 'id'])
export class Notification {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  /** What the caller named: one pass, or a member (all of its live passes). */
  @Column({ name: 'pass_id', type: 'uuid', nullable: true })
  passId: string | null;

  @Column({ name: 'member_id', type: 'varchar', length: 64, nullable: true })
  memberId: string | null;

  @Column({ type: 'text' })
  message: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
