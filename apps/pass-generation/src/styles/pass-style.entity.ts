import type { BarcodeFormat, PassKind, TransitType } from '@wp/contracts';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { PassContent } from '../rendering/pass-content';
import type { AppleAssetNames, FieldTemplates, GoogleAssetNames } from '../rendering/pass-look';

export interface StoredBrandColors {
  foreground_color: string;
  background_color: string;
  label_color: string;
}

export interface StoredBarcode {
  format: BarcodeFormat;
  message: string;
  alt_text: string | null;
}

/** How a tenant's passes look. Colours are kept as given and normalised per wallet on use. */
@Entity({ name: 'pass_styles' })
@Index('idx_pass_styles_tenant_created', ['tenantId', 'createdAt', 'id'])
// One default per tenant, enforced by the database so two concurrent "make default" calls cannot both win.
@Index('uq_pass_styles_default', ['tenantId'], { unique: true, where: '"is_default"' })
export class PassStyle {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ name: 'is_default', type: 'boolean', default: false })
  isDefault: boolean;

  /** Apple style key and Google object type of the passes (spec/API.md §8.7). */
  @Column({ type: 'varchar', length: 16, default: 'store_card' })
  kind: PassKind;

  /** Boarding passes only. */
  @Column({ name: 'transit_type', type: 'varchar', length: 16, nullable: true })
  transitType: TransitType | null;

  @Column({ name: 'brand_colors', type: 'jsonb' })
  brandColors: StoredBrandColors;

  @Column({ type: 'jsonb' })
  assets: { apple: AppleAssetNames; google: GoogleAssetNames };

  @Column({ type: 'jsonb' })
  barcode: StoredBarcode;

  @Column({ type: 'jsonb' })
  fields: FieldTemplates;

  /** A scan at a till moves the pass expiry to this many days after the scan (spec/API.md §8.7). */
  @Column({ name: 'extend_on_scan_days', type: 'integer', nullable: true })
  extendOnScanDays: number | null;

  /** Locations, beacons, relevant date, translations and NFC (spec/API.md §8.5); only what was given. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  content: PassContent;

  // Millisecond precision: list cursors carry ISO timestamps, which have no microseconds.
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
