import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Tenant } from '../tenants/tenant.entity';

export type WalletKind = 'apple' | 'google';

/**
 * A tenant's Apple or Google credentials. `metadata` holds what may be shown (pass type id,
 * team id, expiry, issuer id, client e-mail); `sealedSecret` the certificate key or service
 * account, AES-256-GCM under MASTER_KEY with the tenant id as associated data.
 */
@Entity({ name: 'wallet_credentials' })
export class WalletCredential {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  wallet: WalletKind;

  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id' })
  tenant?: Tenant;

  @Column({ type: 'jsonb' })
  metadata: Record<string, string>;

  @Column({ name: 'sealed_secret', type: 'text' })
  sealedSecret: string;

  @Column({ name: 'key_id', type: 'varchar', length: 16 })
  keyId: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
