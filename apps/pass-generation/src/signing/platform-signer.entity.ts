import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * The platform's development signer, made once at first start. `sealed_secret` holds the
 * certificate, its key and the development CA (AES-256-GCM under MASTER_KEY).
 */
@Entity({ name: 'platform_signers' })
export class PlatformSigner {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  name: string;

  @Column({ name: 'sealed_secret', type: 'text' })
  sealedSecret: string;

  @Column({ name: 'key_id', type: 'varchar', length: 16 })
  keyId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
