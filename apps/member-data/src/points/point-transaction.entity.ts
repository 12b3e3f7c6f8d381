import type { LedgerKind, LedgerOperation } from '@wp/contracts';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Member } from '../members/member.entity';

/**
 * The append-only ledger of points and stored value (`kind`): one row per accepted change
 * (even one that moved nothing, so its reference is remembered). A trigger refuses UPDATE and
 * DELETE. The unique (tenant, kind, reference) index is what makes a repeated reference a
 * replay; one reference may name a points row and a balance row (a scan that moves both).
 */
@Entity({ name: 'point_transactions' })
@Index('uq_point_transactions_reference', ['tenantId', 'kind', 'transactionReference'], { unique: true })
@Index('idx_point_transactions_member', ['memberPk', 'createdAt', 'id'])
export class PointTransaction {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ name: 'member_pk', type: 'uuid' })
  memberPk: string;

  @ManyToOne(() => Member, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'member_pk', foreignKeyConstraintName: 'fk_point_transactions_member' })
  member?: Member;

  @Column({ type: 'varchar', length: 8, default: 'points' })
  kind: LedgerKind;

  @Column({ type: 'integer' })
  delta: number;

  @Column({ name: 'balance_after', type: 'integer' })
  balanceAfter: number;

  @Column({ name: 'tier_before', type: 'varchar', length: 64 })
  tierBefore: string;

  @Column({ name: 'tier_after', type: 'varchar', length: 64 })
  tierAfter: string;

  @Column({ type: 'varchar', length: 16 })
  operation: LedgerOperation;

  @Column({ type: 'varchar', length: 255, nullable: true })
  description: string | null;

  @Column({ name: 'transaction_reference', type: 'varchar', length: 64 })
  transactionReference: string;

  /** clock_timestamp() at insert, under the member's lock: the ledger's order is the order of application. */
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
