import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A class last written to Google for a tenant (its loyalty programme, and one class per other
 * vertical its passes use), so it is sent only when it changes.
 */
@Entity({ name: 'google_classes' })
export class GoogleClass {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @PrimaryColumn({ name: 'class_id', type: 'varchar', length: 255 })
  classId: string;

  @Column({ name: 'body_sha256', type: 'char', length: 64 })
  bodySha256: string;

  @Column({ name: 'synced_at', type: 'timestamptz' })
  syncedAt: Date;
}
