import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type TenantStatus = 'active' | 'suspended';

@Entity({ name: 'tenants' })
@Index('idx_tenants_created', ['createdAt', 'id'])
export class Tenant {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'company_name', type: 'varchar', length: 200 })
  companyName: string;

  @Column({ name: 'contact_email', type: 'varchar', length: 254 })
  contactEmail: string;

  @Column({ name: 'contact_name', type: 'varchar', length: 200 })
  contactName: string;

  @Column({ type: 'varchar', length: 16, default: 'active' })
  status: TenantStatus;

  /**
   * Passes may carry NFC payloads. Apple grants NFC per Pass Type ID certificate, so an admin
   * turns this on once the tenant's certificate has the entitlement (spec/API.md §8.5).
   */
  @Column({ name: 'nfc_enabled', type: 'boolean', default: false })
  nfcEnabled: boolean;

  /** ISO 4217 code of members' stored value (spec/API.md §8.7). */
  @Column({ type: 'char', length: 3, default: 'EUR' })
  currency: string;

  @Column({ name: 'onboarded_by', type: 'varchar', length: 80, nullable: true })
  onboardedBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
