import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * An offer of the tenant's coupon catalogue (spec/API.md §8.7). It lives here, beside the
 * points, so that buying one (stock and points) is a single local transaction. `issued`
 * counts every issue, paid or free; the check makes an overdrawn stock impossible even for a
 * bug that forgot the row lock.
 */
@Entity({ name: 'coupons' })
@Index('idx_coupons_tenant_created', ['tenantId', 'createdAt', 'id'])
@Check('chk_coupons_stock', '"stock" IS NULL OR "issued" <= "stock"')
export class Coupon {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ type: 'varchar', length: 120 })
  title: string;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  description: string | null;

  @Column({ name: 'price_points', type: 'integer', nullable: true })
  pricePoints: number | null;

  /** How many may ever be issued; null: unlimited. */
  @Column({ type: 'integer', nullable: true })
  stock: number | null;

  @Column({ type: 'integer', default: 0 })
  issued: number;

  @Column({ name: 'valid_days', type: 'integer', nullable: true })
  validDays: number | null;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  /** A pass style of pass-generation's; checked there when the coupon is saved. */
  @Column({ name: 'style_id', type: 'uuid', nullable: true })
  styleId: string | null;

  @Column({ name: 'external_reference', type: 'varchar', length: 128, nullable: true })
  externalReference: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  /** Deleted coupons keep their row: issued passes and the ledger still name them. */
  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt: Date | null;
}
