import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { AuditActorType } from '@wp/contracts';

/**
 * One change an operator made while acting as a tenant (contract §8.2). Written before the
 * change is forwarded, so a change can never exist without its row; `status` stays null
 * until the gateway records the answer. No foreign key to the tenant: the log outlives it.
 */
@Entity({ name: 'audit_log' })
@Index('idx_audit_log_created', ['createdAt', 'id'])
@Index('idx_audit_log_tenant_created', ['tenantId', 'createdAt', 'id'])
export class AuditEntry {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'actor_type', type: 'varchar', length: 16 })
  actorType: AuditActorType;

  @Column({ name: 'actor_id', type: 'uuid' })
  actorId: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ type: 'varchar', length: 10 })
  method: string;

  @Column({ type: 'text' })
  path: string;

  @Column({ type: 'smallint', nullable: true })
  status: number | null;

  @Column({ name: 'request_id', type: 'varchar', length: 128 })
  requestId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
