import type { MemberPassView } from '@wp/contracts';
import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * A loyalty member. Deleting erases the personal fields and leaves a tombstone, so the
 * ledger keeps its rows; the tenant may register the same member id again afterwards.
 */
@Entity({ name: 'members' })
@Index('uq_members_tenant_member', ['tenantId', 'memberId'], { unique: true, where: '"deleted_at" IS NULL' })
@Index('idx_members_tenant_created', ['tenantId', 'createdAt', 'id'])
@Index('idx_members_tenant_tier_created', ['tenantId', 'tier', 'createdAt', 'id'])
// Built by migration 1796510000001 (an expression and partial indexes); TypeORM leaves them be.
@Index('idx_members_tenant_email', { synchronize: false })
@Index('idx_members_tenant_phone', { synchronize: false })
@Check('chk_members_points_non_negative', '"points" >= 0')
// Money is never clamped (spec/API.md §8.7): a subtract beyond the balance is refused in code, and this is the last word.
@Check('chk_members_balance_non_negative', '"balance" >= 0')
export class Member {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  /** The tenant's own id for the member (API paths use it). */
  @Column({ name: 'member_id', type: 'varchar', length: 64 })
  memberId: string;

  @Column({ name: 'member_name', type: 'varchar', length: 200, nullable: true })
  memberName: string | null;

  @Column({ name: 'member_email', type: 'varchar', length: 254, nullable: true })
  memberEmail: string | null;

  @Column({ name: 'phone_number', type: 'varchar', length: 16, nullable: true })
  phoneNumber: string | null;

  @Column({ name: 'style_group_id', type: 'uuid', nullable: true })
  styleGroupId: string | null;

  @Column({ type: 'integer', default: 0 })
  points: number;

  @Column({ type: 'varchar', length: 64 })
  tier: string;

  /** Stored value in minor units of the tenant's currency (tenant-management owns the currency). */
  @Column({ type: 'integer', default: 0 })
  balance: number;

  /** Grows with every change; events carry it so consumers can drop stale ones. */
  @Column({ type: 'integer', default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt: Date | null;

  /** The member's passes as pass-generation last reported them (see MemberPassLists). */
  @Column({ type: 'jsonb', nullable: true })
  passes: MemberPassView[] | null;

  @Column({ name: 'passes_as_of', type: 'timestamptz', nullable: true })
  passesAsOf: Date | null;
}
