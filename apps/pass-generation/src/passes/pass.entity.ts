import type { DistributionChannel, PassKind, PassStatus, PassType } from '@wp/contracts';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { PassContent } from '../rendering/pass-content';

export type Signing = 'production' | 'development';

/**
 * A wallet pass and the member data it shows, kept here so a version always renders the same
 * bytes and a member event can re-render without asking member-data. Every change that reaches
 * the wallets raises `version` and takes a fresh `update_tag` from a sequence: the Apple web
 * service lists "serials updated since tag" from it, and `updated_at` is its Last-Modified.
 * A deleted pass keeps its row (voided) so devices that hold it can still fetch the final version.
 */
@Entity({ name: 'passes' })
@Index('idx_passes_tenant_created', ['tenantId', 'createdAt', 'id'])
@Index('idx_passes_tenant_member', ['tenantId', 'memberUuid'])
@Index('idx_passes_update_tag', ['passTypeIdentifier', 'updateTag'])
@Index('idx_passes_tenant_rendered_style', ['tenantId', 'renderedStyleId'])
@Index('idx_passes_tenant_barcode', ['tenantId', 'barcodeMessage'])
// Built by migration 1797100000001 (a GIN index, which TypeORM cannot describe); TypeORM leaves it be.
@Index('idx_passes_tags', { synchronize: false })
@Index('idx_passes_google_unsynced', ['updateTag'], { where: `"pass_type" = 'google' AND "google_synced_version" < "version"` })
export class Pass {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ name: 'pass_type', type: 'varchar', length: 16 })
  passType: PassType;

  @Column({ type: 'varchar', length: 16 })
  status: PassStatus;

  /** Apple's serialNumber; also the Google object suffix. Never changes. */
  @Column({ name: 'serial_number', type: 'varchar', length: 64, unique: true })
  serialNumber: string;

  /** `Authorization: ApplePass <token>` for the web service; random, never changes. */
  @Column({ name: 'authentication_token', type: 'varchar', length: 64 })
  authenticationToken: string;

  /** Apple: the pass type the pass was issued under (the tenant's, or the development one). */
  @Column({ name: 'pass_type_identifier', type: 'varchar', length: 255, nullable: true })
  passTypeIdentifier: string | null;

  @Column({ name: 'team_identifier', type: 'varchar', length: 16, nullable: true })
  teamIdentifier: string | null;

  @Column({ type: 'varchar', length: 16 })
  signing: Signing;

  @Column({ name: 'company_name', type: 'varchar', length: 200 })
  companyName: string;

  @Column({ name: 'member_id', type: 'varchar', length: 64 })
  memberId: string;

  /** Member-data's id of the member: a member id registered again after a deletion is another member. */
  @Column({ name: 'member_uuid', type: 'uuid' })
  memberUuid: string;

  /** Personal data: erased when the member is deleted. */
  @Column({ name: 'member_name', type: 'varchar', length: 200, nullable: true })
  memberName: string | null;

  @Column({ type: 'integer' })
  points: number;

  @Column({ type: 'varchar', length: 64 })
  tier: string;

  /** The member's stored value (minor units), as the last `member.balance_changed` told it. */
  @Column({ type: 'integer', default: 0 })
  balance: number;

  /** Member version of the last balance change applied (balance and points events are ordered separately). */
  @Column({ name: 'member_balance_version', type: 'integer', default: 0 })
  memberBalanceVersion: number;

  /** The coupon this pass was issued from (member-data's id); null for any other pass. */
  @Column({ name: 'coupon_id', type: 'uuid', nullable: true })
  couponId: string | null;

  /** The coupon's title at issue, shown on the pass. */
  @Column({ name: 'coupon_title', type: 'varchar', length: 120, nullable: true })
  couponTitle: string | null;

  @Column({ name: 'redeemed_at', type: 'timestamptz', nullable: true })
  redeemedAt: Date | null;

  /** The reference of the redeem that happened: the same one again replays it, any other is a 409. */
  @Column({ name: 'redemption_reference', type: 'varchar', length: 64, nullable: true })
  redemptionReference: string | null;

  /**
   * The barcode message the current version shows, so a till can find the pass by what it
   * scanned (GET /v1/scan/{code}); kept by every version that changes it.
   */
  @Column({ name: 'barcode_message', type: 'varchar', length: 512, nullable: true })
  barcodeMessage: string | null;

  /** The member's style group as last reported by member-data. */
  @Column({ name: 'member_style_group_id', type: 'uuid', nullable: true })
  memberStyleGroupId: string | null;

  /** Member versions of the last points/tier and profile changes applied (older events are dropped). */
  @Column({ name: 'member_points_version', type: 'integer', default: 0 })
  memberPointsVersion: number;

  @Column({ name: 'member_profile_version', type: 'integer', default: 0 })
  memberProfileVersion: number;

  /** Chosen at creation: the group used when the member has none, and the style used when no rule applies. */
  @Column({ name: 'style_group_id', type: 'uuid', nullable: true })
  styleGroupId: string | null;

  @Column({ name: 'pass_style_id', type: 'uuid', nullable: true })
  passStyleId: string | null;

  /** The style the current version shows (null: the built-in look). */
  @Column({ name: 'rendered_style_id', type: 'uuid', nullable: true })
  renderedStyleId: string | null;

  @Column({ name: 'external_id', type: 'varchar', length: 128, nullable: true })
  externalId: string | null;

  @Column({ type: 'varchar', length: 16 })
  channel: DistributionChannel;

  /**
   * The channel the pass last went out through (a hosted page, an SMS link, an API
   * download); a device registering the pass is attributed to it. Null: `channel`.
   */
  @Column({ name: 'distribution_channel', type: 'varchar', length: 16, nullable: true })
  distributionChannel: DistributionChannel | null;

  /**
   * Relevance, translations and NFC given at creation (spec/API.md §8.5): they override the
   * style's (translations merge over them), whatever style the pass shows over its life.
   */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  content: PassContent;

  /**
   * What the pass is (spec/API.md §8.7), fixed at creation from its style: a pass cannot change
   * kind in a wallet (Google keeps each object under its type), whatever style it shows later.
   */
  @Column({ type: 'varchar', length: 16, default: 'store_card' })
  kind: PassKind;

  /** Campaign, order or event labels (spec/API.md §8.7): lists filter by them, batches target them. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags: string[];

  /** The latest message sent to the holder (POST /v1/notifications), shown on the back of the Apple pass. */
  @Column({ type: 'text', nullable: true })
  message: string | null;

  @Column({ name: 'expiration_date', type: 'timestamptz', nullable: true })
  expirationDate: Date | null;

  @Column({ type: 'integer', default: 1 })
  version: number;

  @Column({ name: 'update_tag', type: 'bigint' })
  updateTag: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt: Date | null;

  @Column({ name: 'google_class_id', type: 'varchar', length: 255, nullable: true })
  googleClassId: string | null;

  @Column({ name: 'google_object_id', type: 'varchar', length: 255, nullable: true })
  googleObjectId: string | null;

  @Column({ name: 'google_save_url', type: 'text', nullable: true })
  googleSaveUrl: string | null;

  /** The version last written to Google's object; the syncer patches while it lags `version`. */
  @Column({ name: 'google_synced_version', type: 'integer', default: 0 })
  googleSyncedVersion: number;

  /** Back-off for the syncer after a failed Google call. */
  @Column({ name: 'google_sync_after', type: 'timestamptz', nullable: true })
  googleSyncAfter: Date | null;
}
