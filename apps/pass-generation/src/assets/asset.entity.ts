import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A PNG a tenant uploaded; styles name it by filename. Uploading the same name replaces it. */
@Entity({ name: 'assets' })
@Index('uq_assets_tenant_filename', ['tenantId', 'filename'], { unique: true })
@Index('idx_assets_tenant_created', ['tenantId', 'createdAt', 'id'])
@Index('idx_assets_sha256', ['sha256'])
export class Asset {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ type: 'varchar', length: 128 })
  filename: string;

  @Column({ name: 'content_type', type: 'varchar', length: 64 })
  contentType: string;

  @Column({ type: 'integer' })
  size: number;

  @Column({ type: 'integer' })
  width: number;

  @Column({ type: 'integer' })
  height: number;

  @Column({ type: 'char', length: 64 })
  sha256: string;

  /** Loaded only when a pass is signed; lists never read the bytes. */
  @Column({ type: 'bytea', select: false })
  data: Buffer;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
