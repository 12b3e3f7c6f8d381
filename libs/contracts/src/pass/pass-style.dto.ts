import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { PassContentDto } from './pass-content.dto';

/** `rgb(r, g, b)` with channels 0–255, or `#RGB` / `#RRGGBB`. */
const CHANNEL = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
export const CSS_COLOR = new RegExp(`^(?:rgb\\(\\s*${CHANNEL}\\s*,\\s*${CHANNEL}\\s*,\\s*${CHANNEL}\\s*\\)|#[0-9a-fA-F]{3}|#[0-9a-fA-F]{6})$`);
const COLOR_MESSAGE = 'must be rgb(r, g, b) with channels 0 to 255, or #RRGGBB';

/** The placeholders a field value, label or barcode message may use. */
/** `{balance}` renders the stored value in the tenant's currency; `{coupon_title}` is empty on passes that are no coupon. */
export const PASS_PLACEHOLDERS = ['member_name', 'member_id', 'points', 'tier', 'company_name', 'balance', 'serial_number', 'coupon_title'] as const;
export type PassPlaceholder = (typeof PASS_PLACEHOLDERS)[number];

/** What a style makes (spec/API.md §8.7); each maps to one Apple style key and one Google object type. */
export const PASS_KINDS = ['store_card', 'coupon', 'event_ticket', 'generic', 'boarding_pass'] as const;
export type PassKind = (typeof PASS_KINDS)[number];
/** A boarding pass's means of transport (Apple's PKTransitType). */
export const TRANSIT_TYPES = ['air', 'boat', 'bus', 'train', 'generic'] as const;
export type TransitType = (typeof TRANSIT_TYPES)[number];

export const BARCODE_FORMATS = ['PKBarcodeFormatQR', 'PKBarcodeFormatPDF417', 'PKBarcodeFormatAztec', 'PKBarcodeFormatCode128'] as const;
export type BarcodeFormat = (typeof BARCODE_FORMATS)[number];

/** An uploaded asset's name, as `POST /v1/assets` stores it. */
export const ASSET_FILENAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,127}$/;
const ASSET_MESSAGE = 'must name an uploaded asset (letters, digits, . _ @ -)';
/** Apple field keys must be unique in the pass; kept to a safe alphabet. */
export const FIELD_KEY = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;

export class BrandColorsDto {
  @ApiPropertyOptional({ example: 'rgb(255,255,255)', description: 'rgb(r,g,b) or #RRGGBB' })
  @IsOptional()
  @IsString()
  @Matches(CSS_COLOR, { message: COLOR_MESSAGE })
  foreground_color?: string;

  @ApiPropertyOptional({ example: 'rgb(255, 107, 53)', description: 'rgb(r,g,b) or #RRGGBB' })
  @IsOptional()
  @IsString()
  @Matches(CSS_COLOR, { message: COLOR_MESSAGE })
  background_color?: string;

  @ApiPropertyOptional({ example: '#FFFFFF', description: 'rgb(r,g,b) or #RRGGBB' })
  @IsOptional()
  @IsString()
  @Matches(CSS_COLOR, { message: COLOR_MESSAGE })
  label_color?: string;
}

export class AppleAssetsDto {
  @ApiPropertyOptional({ example: 'icon.png', description: 'Shown in notifications and on the lock screen; built-in when absent' })
  @IsOptional()
  @Matches(ASSET_FILENAME, { message: ASSET_MESSAGE })
  icon?: string;

  @ApiPropertyOptional({ example: 'logo.png' })
  @IsOptional()
  @Matches(ASSET_FILENAME, { message: ASSET_MESSAGE })
  logo?: string;

  @ApiPropertyOptional({ example: 'strip.png', description: 'Store cards, coupons and event tickets (not with background or thumbnail)' })
  @IsOptional()
  @Matches(ASSET_FILENAME, { message: ASSET_MESSAGE })
  strip?: string;

  @ApiPropertyOptional({ example: 'thumbnail.png', description: 'Event tickets (without a strip) and generic passes' })
  @IsOptional()
  @Matches(ASSET_FILENAME, { message: ASSET_MESSAGE })
  thumbnail?: string;

  @ApiPropertyOptional({ example: 'background.png', description: 'Event tickets only, and only without a strip' })
  @IsOptional()
  @Matches(ASSET_FILENAME, { message: ASSET_MESSAGE })
  background?: string;

  @ApiPropertyOptional({ example: 'footer.png', description: 'Boarding passes only: shown above the barcode' })
  @IsOptional()
  @Matches(ASSET_FILENAME, { message: ASSET_MESSAGE })
  footer?: string;
}

export class GoogleAssetsDto {
  @ApiPropertyOptional({ example: 'logo.png', description: 'The programme logo of the loyalty class' })
  @IsOptional()
  @Matches(ASSET_FILENAME, { message: ASSET_MESSAGE })
  logo?: string;

  @ApiPropertyOptional({ example: 'hero.png' })
  @IsOptional()
  @Matches(ASSET_FILENAME, { message: ASSET_MESSAGE })
  hero?: string;
}

export class StyleAssetsDto {
  @ApiPropertyOptional({ type: AppleAssetsDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => AppleAssetsDto)
  apple?: AppleAssetsDto;

  @ApiPropertyOptional({ type: GoogleAssetsDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => GoogleAssetsDto)
  google?: GoogleAssetsDto;
}

export class BarcodeDto {
  @ApiProperty({ enum: BARCODE_FORMATS, example: 'PKBarcodeFormatQR' })
  @IsIn(BARCODE_FORMATS, { message: `must be one of ${BARCODE_FORMATS.join(', ')}` })
  format: BarcodeFormat;

  @ApiPropertyOptional({ example: '{member_id}', description: 'What the barcode encodes; placeholders allowed. Default {member_id}' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  message?: string;

  @ApiPropertyOptional({ example: '{member_id}', description: 'Text under the barcode; placeholders allowed' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  alt_text?: string;
}

export class PassFieldDto {
  @ApiProperty({ example: 'tier', pattern: FIELD_KEY.source, description: 'Unique across all fields of the style' })
  @IsString()
  @Matches(FIELD_KEY, { message: 'must start with a letter and hold only letters, digits, _ . -' })
  key: string;

  @ApiPropertyOptional({ example: 'Membership' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  label?: string;

  @ApiProperty({ example: '{tier}', description: `Text with optional placeholders: ${PASS_PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}` })
  @IsString()
  @MaxLength(2000)
  value: string;

  @ApiPropertyOptional({
    example: 'You are now %@',
    description: 'Shown on the lock screen when the value changes; must contain %@. Fields showing {points} or {tier} get one by default.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(/%@/, { message: 'must contain %@ (replaced by the new value)' })
  change_message?: string;
}

/** A list of fields in one area of the card; `max` is what Wallet shows there. */
const FieldList = (max: number, description: string) =>
  applyDecorators(
    ApiPropertyOptional({ type: [PassFieldDto], description, maxItems: max }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(max, { message: `must hold at most ${max} fields` }),
    IsObject({ each: true, message: 'each entry must be an object' }),
    ValidateNested({ each: true }),
    Type(() => PassFieldDto),
  );

/**
 * A style: how a pass looks, and where, when and in which languages it is relevant.
 * `PUT` takes the same body and replaces the style.
 */
export class PassStyleDto extends PassContentDto {
  @ApiProperty({ example: 'Default Orange' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({
    enum: PASS_KINDS,
    default: 'store_card',
    description: 'What the pass is: Apple storeCard | coupon | eventTicket | generic | boardingPass; Google loyalty | offer | eventTicket | generic (a boarding pass is a generic object on Google). Fixed once passes show the style.',
  })
  @IsOptional()
  @IsIn(PASS_KINDS, { message: `must be one of ${PASS_KINDS.join(', ')}` })
  kind?: PassKind;

  @ApiPropertyOptional({ enum: TRANSIT_TYPES, description: 'Required when kind is boarding_pass, refused otherwise (Apple transitType)' })
  @IsOptional()
  @IsIn(TRANSIT_TYPES, { message: `must be one of ${TRANSIT_TYPES.join(', ')}` })
  transit_type?: TransitType;

  @ApiPropertyOptional({ default: false, description: 'The style of passes that name none (one per tenant; setting it moves the flag here)' })
  @IsOptional()
  @IsBoolean()
  is_default?: boolean;

  @ApiPropertyOptional({ type: BrandColorsDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => BrandColorsDto)
  brand_colors?: BrandColorsDto;

  @ApiPropertyOptional({ type: StyleAssetsDto, description: 'Names of files uploaded with POST /v1/assets; a missing one falls back to the built-in image and is listed in warnings' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => StyleAssetsDto)
  assets?: StyleAssetsDto;

  @ApiPropertyOptional({ type: BarcodeDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => BarcodeDto)
  barcode?: BarcodeDto;

  @ApiPropertyOptional({ example: 30, minimum: 1, maximum: 3650, nullable: true, type: Number, description: 'Each scan at a till moves the pass expiry to this many days after the scan (spec/API.md §8.7)' })
  @IsOptional()
  @IsInt({ message: 'must be a positive integer' })
  @Min(1, { message: 'must be a positive integer' })
  @Max(3650)
  extend_on_scan_days?: number;

  @FieldList(3, 'Top right of the card')
  header_fields?: PassFieldDto[];

  @FieldList(2, 'Over the strip image')
  primary_fields?: PassFieldDto[];

  @FieldList(4, 'Below the strip')
  secondary_fields?: PassFieldDto[];

  @FieldList(4, 'Below the secondary fields')
  auxiliary_fields?: PassFieldDto[];

  @FieldList(20, 'On the back of the pass')
  back_fields?: PassFieldDto[];
}
