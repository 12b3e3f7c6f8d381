import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { TierRange } from './programme';

/** A tenant's programme in force; replacing it bumps `version` and re-tiers every member. */
@Entity({ name: 'membership_programmes' })
export class MembershipProgramme {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'jsonb' })
  tiers: TierRange[];

  @Column({ type: 'integer' })
  version: number;

  /** The version whose re-tiering finished; behind `version` means a re-tier is owed. */
  @Column({ name: 'retiered_version', type: 'integer', default: 0 })
  retieredVersion: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
