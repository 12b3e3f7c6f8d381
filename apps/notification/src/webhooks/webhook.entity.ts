import type { WebhookStatus } from '@wp/contracts';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * A tenant's webhook endpoint. `sealedSecret` is the whsec_ signing secret, AES-256-GCM under
 * MASTER_KEY with the tenant and webhook ids as associated data: it must be recoverable to
 * sign, and a ciphertext copied into another row will not open.
 */
@Entity({ name: 'webhooks' })
@Index('idx_webhooks_tenant_created', ['tenantId', 'createdAt', 'id'])
export class Webhook {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ type: 'varchar', length: 2048 })
  url: string;

  /** Exact event types, `family.*` wildcards or `*`. */
  @Column({ type: 'text', array: true })
  events: string[];

  @Column({ type: 'varchar', length: 200, nullable: true })
  description: string | null;

  @Column({ name: 'sealed_secret', type: 'text' })
  sealedSecret: string;

  @Column({ name: 'key_id', type: 'varchar', length: 16 })
  keyId: string;

  @Column({ type: 'varchar', length: 16, default: 'active' })
  status: WebhookStatus;

  @Column({ name: 'disabled_reason', type: 'varchar', length: 200, nullable: true })
  disabledReason: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
