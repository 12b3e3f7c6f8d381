import type { PassType } from '@wp/contracts';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type CouponIssueState = 'pending' | 'issued' | 'refunded';

/**
 * One coupon given to one member: written in the purchase transaction (stock taken, points
 * paid) with the id of the pass it is owed. `pending` until pass-generation has made that
 * pass; the recovery sweep finishes issues whose request died in between (see
 * CouponIssuesService). `refunded`: the pass could not be made, and the stock and points
 * went back in one transaction.
 */
@Entity({ name: 'coupon_issues' })
@Index('idx_coupon_issues_pending', ['createdAt'], { where: `"state" = 'pending'` })
@Index('idx_coupon_issues_coupon', ['couponId'])
export class CouponIssue {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ name: 'coupon_id', type: 'uuid' })
  couponId: string;

  @Column({ name: 'member_pk', type: 'uuid' })
  memberPk: string;

  @Column({ name: 'member_id', type: 'varchar', length: 64 })
  memberId: string;

  @Column({ name: 'pass_id', type: 'uuid', unique: true })
  passId: string;

  @Column({ name: 'pass_type', type: 'varchar', length: 16 })
  passType: PassType;

  /** Points paid (0: issued free). */
  @Column({ name: 'price_points', type: 'integer' })
  pricePoints: number;

  @Column({ name: 'expiration_date', type: 'timestamptz', nullable: true })
  expirationDate: Date | null;

  @Column({ type: 'varchar', length: 16 })
  state: CouponIssueState;

  /** Why a pending issue was refunded (the pass-generation error). */
  @Column({ type: 'varchar', length: 255, nullable: true })
  failure: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;
}
