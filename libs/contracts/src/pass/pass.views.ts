import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { PassStatus, PassType } from '../events';
import { BARCODE_FORMATS, BarcodeFormat, PASS_KINDS, PassKind, TRANSIT_TYPES, TransitType } from './pass-style.dto';

// Response shapes. Classes (not interfaces) so the OpenAPI document shows them.

export class BrandColorsView {
  @ApiProperty({ example: 'rgb(255, 255, 255)' }) foreground_color: string;
  @ApiProperty({ example: 'rgb(255, 107, 53)' }) background_color: string;
  @ApiProperty({ example: 'rgb(255, 255, 255)' }) label_color: string;
}

export class GoogleColorsView {
  @ApiProperty({ example: '#ff6b35', description: "The loyalty class's hexBackgroundColor" }) background_color: string;
}

/** The style's colours as each wallet wants them: Apple `rgb(r, g, b)`, Google `#rrggbb`. */
export class WalletColorsView {
  @ApiProperty({ type: BrandColorsView }) apple: BrandColorsView;
  @ApiProperty({ type: GoogleColorsView }) google: GoogleColorsView;
}

export class StyleAssetsView {
  @ApiProperty({ example: { logo: 'logo.png', strip: 'strip.png' } }) apple: { icon?: string; logo?: string; strip?: string; thumbnail?: string; background?: string; footer?: string };
  @ApiProperty({ example: { logo: 'logo.png', hero: 'hero.png' } }) google: { logo?: string; hero?: string };
}

export class BarcodeView {
  @ApiProperty({ enum: BARCODE_FORMATS, example: 'PKBarcodeFormatQR' }) format: BarcodeFormat;
  @ApiProperty({ example: '{member_id}' }) message: string;
  @ApiProperty({ nullable: true, type: String, example: '{member_id}' }) alt_text: string | null;
}

export class PassFieldView {
  @ApiProperty({ example: 'tier' }) key: string;
  @ApiProperty({ nullable: true, type: String, example: 'Membership' }) label: string | null;
  @ApiProperty({ example: '{tier}' }) value: string;
  @ApiProperty({ nullable: true, type: String, example: 'Your tier is now %@' }) change_message: string | null;
}

export class PassLocationView {
  @ApiProperty({ example: 48.8584 }) latitude: number;
  @ApiProperty({ example: 2.2945 }) longitude: number;
  @ApiPropertyOptional({ example: 35 }) altitude?: number;
  @ApiPropertyOptional({ example: 'Your card for the Rue Cler store' }) relevant_text?: string;
}

export class PassBeaconView {
  @ApiProperty({ example: 'E2C56DB5-DFFB-48D2-B060-D0F5A71096E0', description: 'Upper case' }) proximity_uuid: string;
  @ApiPropertyOptional({ example: 1 }) major?: number;
  @ApiPropertyOptional({ example: 42 }) minor?: number;
  @ApiPropertyOptional({ example: 'Welcome in!' }) relevant_text?: string;
}

export class PassNfcView {
  @ApiProperty({ example: '{member_id}' }) message: string;
  @ApiProperty({ example: 'MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE…' }) encryption_public_key: string;
}

const LOCALIZATIONS_SCHEMA = {
  type: 'object',
  additionalProperties: { type: 'object', additionalProperties: { type: 'string' } },
  example: { de: { Points: 'Punkte' } },
} as const;

/** What a pass sets for itself at creation, over its style's (spec/API.md §8.5); only what was given. */
export class PassContentView {
  @ApiPropertyOptional({ type: [PassLocationView] }) locations?: PassLocationView[];
  @ApiPropertyOptional({ example: 150 }) max_distance?: number;
  @ApiPropertyOptional({ example: '2026-05-01T18:00:00Z' }) relevant_date?: string;
  @ApiPropertyOptional({ type: [PassBeaconView] }) beacons?: PassBeaconView[];
  @ApiPropertyOptional({ ...LOCALIZATIONS_SCHEMA, description: 'By canonical BCP 47 tag; merged over the style\'s' }) localizations?: Record<string, Record<string, string>>;
  @ApiPropertyOptional({ type: PassNfcView }) nfc?: PassNfcView;
}

export class PassStyleView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Default Orange' }) name: string;
  @ApiProperty() is_default: boolean;
  @ApiProperty({ enum: PASS_KINDS, example: 'store_card' }) kind: PassKind;
  @ApiProperty({ enum: [...TRANSIT_TYPES, null], nullable: true, type: String, description: 'Boarding passes only' }) transit_type: TransitType | null;
  @ApiProperty({ type: BrandColorsView, description: 'The colours as given (defaults filled in)' }) brand_colors: BrandColorsView;
  @ApiProperty({ type: WalletColorsView }) wallet_colors: WalletColorsView;
  @ApiProperty({ type: StyleAssetsView }) assets: StyleAssetsView;
  @ApiProperty({ type: BarcodeView }) barcode: BarcodeView;
  @ApiProperty({ nullable: true, type: Number, example: 30, description: 'A scan moves the pass expiry to this many days after it' }) extend_on_scan_days: number | null;
  @ApiProperty({ type: [PassFieldView] }) header_fields: PassFieldView[];
  @ApiProperty({ type: [PassFieldView] }) primary_fields: PassFieldView[];
  @ApiProperty({ type: [PassFieldView] }) secondary_fields: PassFieldView[];
  @ApiProperty({ type: [PassFieldView] }) auxiliary_fields: PassFieldView[];
  @ApiProperty({ type: [PassFieldView] }) back_fields: PassFieldView[];
  @ApiProperty({ type: [PassLocationView] }) locations: PassLocationView[];
  @ApiProperty({ nullable: true, type: Number, example: 150 }) max_distance: number | null;
  @ApiProperty({ nullable: true, type: String, example: '2026-05-01T18:00:00Z' }) relevant_date: string | null;
  @ApiProperty({ type: [PassBeaconView] }) beacons: PassBeaconView[];
  @ApiProperty({ ...LOCALIZATIONS_SCHEMA, description: 'Translations by canonical BCP 47 language tag' }) localizations: Record<string, Record<string, string>>;
  @ApiProperty({ type: PassNfcView, nullable: true }) nfc: PassNfcView | null;
  @ApiProperty({
    type: [String],
    description: 'Assets the style names that have not been uploaded; the built-in image is used for each until it is',
    example: ['assets.apple.logo: logo.png has not been uploaded; the built-in logo is used'],
  })
  warnings: string[];
  @ApiProperty() created_at: string;
  @ApiProperty() updated_at: string;
}

export class StyleRuleView {
  @ApiProperty({ format: 'uuid' }) pass_style_id: string;
  @ApiProperty({ example: 0 }) min_points: number;
  @ApiProperty({ example: 100, description: '0 means no upper bound' }) max_points: number;
}

export class StyleGroupView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Tier Colors' }) name: string;
  @ApiProperty({ type: [StyleRuleView] }) rules: StyleRuleView[];
  @ApiProperty() created_at: string;
  @ApiProperty() updated_at: string;
}

export class AssetView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'logo.png' }) filename: string;
  @ApiProperty({ example: 'image/png' }) content_type: string;
  @ApiProperty({ example: 4210, description: 'Bytes' }) size: number;
  @ApiProperty({ example: 160 }) width: number;
  @ApiProperty({ example: 50 }) height: number;
  @ApiProperty({ example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' }) sha256: string;
  @ApiProperty() created_at: string;
  @ApiProperty() updated_at: string;
}

export class PassView {
  @ApiProperty({ format: 'uuid' }) pass_id: string;
  @ApiProperty({ nullable: true, type: String, example: 'MEMBER-001' }) member_id: string | null;
  @ApiProperty({ enum: ['apple', 'google'] }) pass_type: PassType;
  @ApiProperty({ enum: PASS_KINDS, description: "What the pass is, fixed at creation from its style's kind" }) kind: PassKind;
  @ApiProperty({ enum: ['active', 'blocked', 'expired', 'redeemed', 'voided'] }) status: PassStatus;
  @ApiProperty({ description: 'Apple serialNumber; stable for the life of the pass' }) serial_number: string;
  @ApiProperty({ type: [String], example: ['summer-2026'] }) tags: string[];
  @ApiProperty({ example: 1, description: 'Grows with every change that reaches the wallets' }) version: number;
  @ApiProperty({
    enum: ['production', 'development'],
    description: "production: signed with the tenant's credentials; development: with the platform's development certificate (Wallet will not install it)",
  })
  signing: 'production' | 'development';
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The style the pass shows now' }) pass_style_id: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) style_group_id: string | null;
  @ApiProperty({ example: 1200 }) points: number;
  @ApiProperty({ example: 'gold' }) tier: string;
  @ApiProperty({ description: 'Apple: the .pkpass URL; Google: https://pay.google.com/gp/v/save/{jwt}' }) pass_url: string;
  @ApiProperty({ example: '/v1/passes/550e8400-e29b-41d4-a716-446655440000/download' }) download_url: string;
  @ApiProperty({ nullable: true, type: String }) expiration_date: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) external_id: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The coupon this pass was issued from (POST /v1/members/{member_id}/coupons); null for any other pass' }) coupon_id: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'When the pass was redeemed' }) redeemed_at: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Google: the loyalty object id, {issuerId}.{pass_id}' }) google_object_id: string | null;
  @ApiProperty({
    type: PassContentView,
    description: "Relevance, translations and NFC this pass was given at creation; they override its style's (the pass shows the style's for anything not here)",
  })
  content: PassContentView;
  @ApiProperty() created_at: string;
  @ApiProperty() updated_at: string;
}

export class DeletedView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() deleted_at: string;
}

/** A download: the file itself (Apple, demo) or where to send the browser (Google). */
export type PassDownload =
  | { kind: 'file'; filename: string; content_type: string; body_base64: string; last_modified: string }
  | { kind: 'redirect'; location: string };

/** One step of a pass's update trace (spec/API.md §8.4); the kind's own fields sit beside `at` and `kind`. */
export class PassTraceEntryView {
  @ApiProperty({ example: '2026-01-09T10:30:00.000Z' }) at: string;
  @ApiProperty({ enum: ['version_created', 'apns_push', 'device_registered', 'device_unregistered', 'device_fetch', 'google_patch', 'device_log'] }) kind: string;
  [field: string]: unknown;
}
