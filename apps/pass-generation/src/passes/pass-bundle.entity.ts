import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Pass } from './pass.entity';

/**
 * The signed .pkpass of a pass's current version. Served again until the version changes, so
 * a device's re-fetch or a burst of downloads signs once, and a restart does not re-sign.
 */
@Entity({ name: 'pass_bundles' })
export class PassBundle {
  @PrimaryColumn({ name: 'pass_id', type: 'uuid' })
  passId: string;

  @ManyToOne(() => Pass, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'pass_id' })
  pass?: Pass;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'bytea' })
  bytes: Buffer;

  @Column({ name: 'signed_at', type: 'timestamptz' })
  signedAt: Date;
}
