import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { applyDecorators } from '@nestjs/common';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsEmail, IsIn, IsISO8601, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import type { PassStatus, PassType } from '../events';
import { MAX_POINTS, MEMBER_ID, MEMBER_ID_MESSAGE } from '../member/member.dto';
import { PageQueryDto } from '../pagination';
import { PassContentDto } from './pass-content.dto';

export const PASS_TYPES = ['apple', 'google'] as const satisfies readonly PassType[];
export const PASS_STATUSES = ['active', 'blocked', 'expired', 'redeemed', 'voided'] as const satisfies readonly PassStatus[];
/** What PATCH may set; `voided` is reached only through POST /void and is final. */
export const SETTABLE_PASS_STATUSES = ['active', 'blocked', 'expired', 'redeemed'] as const;
export type SettablePassStatus = (typeof SETTABLE_PASS_STATUSES)[number];

/** Tags label passes for campaigns, orders and events (spec/API.md §8.7). */
export const MAX_PASS_TAGS = 10;
export const MAX_TAG_LENGTH = 40;
/** 1 to 40 characters, no control characters, not blank at either end. */
export const PASS_TAG = /^(?=\S)\P{Cc}{1,40}(?<=\S)$/u;
export const PASS_TAG_MESSAGE = `must be 1 to ${MAX_TAG_LENGTH} characters without control characters or surrounding spaces`;

/** `tags` of a create or PATCH body: a whole new list. */
export const PassTags = () =>
  applyDecorators(
    ApiPropertyOptional({ type: [String], maxItems: MAX_PASS_TAGS, example: ['summer-2026', 'order-4711'], description: `Up to ${MAX_PASS_TAGS} labels of up to ${MAX_TAG_LENGTH} characters each (campaign, order, event); PATCH replaces the list` }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(MAX_PASS_TAGS, { message: `must hold at most ${MAX_PASS_TAGS} tags` }),
    IsString({ each: true, message: 'each tag must be a string' }),
    Matches(PASS_TAG, { each: true, message: `each tag ${PASS_TAG_MESSAGE}` }),
    ArrayUnique({ message: 'must name each tag once' }),
  );

/**
 * The seed's body, plus the pass content of spec/API.md §8.5: `locations`, `max_distance`,
 * `relevant_date`, `beacons` and `nfc` given here replace the style's for this pass, and
 * `localizations` are merged over the style's, language by language.
 */
export class CreatePassFromMemberDto extends PassContentDto {
  @ApiProperty({ example: 'MEMBER-001' })
  @IsString()
  @Matches(MEMBER_ID, { message: MEMBER_ID_MESSAGE })
  member_id: string;

  @ApiProperty({ enum: PASS_TYPES, example: 'apple' })
  @IsIn(PASS_TYPES, { message: 'must be apple or google' })
  pass_type: PassType;

  @ApiProperty({ example: 'My Company', description: 'Shown as the organisation on the pass' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  company_name: string;

  @ApiPropertyOptional({ format: 'uuid', description: "The pass's style when no style group rule applies (else the tenant's default style)" })
  @IsOptional()
  @IsUUID('all', { message: 'must be a pass style id (uuid)' })
  pass_style_id?: string;

  @ApiPropertyOptional({ format: 'uuid', description: "Style group for dynamic styling by points, when the member has none of its own" })
  @IsOptional()
  @IsUUID('all', { message: 'must be a style group id (uuid)' })
  style_group_id?: string;

  @ApiPropertyOptional({ example: 'EXT-MEMBER-001', description: 'Google only: your own reference, stored with the pass' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  external_id?: string;

  @PassTags()
  tags?: string[];
}

/** Wallet adds at most 10 passes from one .pkpasses file. */
export const MAX_BUNDLE_PASSES = 10;

/** `POST /v1/passes/bundle`: Apple passes of the tenant to hand out together. */
export class CreatePassBundleDto {
  @ApiProperty({
    type: 'array',
    items: { type: 'string', format: 'uuid' },
    minItems: 1,
    maxItems: MAX_BUNDLE_PASSES,
    uniqueItems: true,
    example: ['550e8400-e29b-41d4-a716-446655440000', '6ba7b810-9dad-41d1-80b4-00c04fd430c8'],
    description: `1 to ${MAX_BUNDLE_PASSES} Apple passes of the tenant, each once; the .pkpass files keep this order`,
  })
  @IsArray()
  @ArrayMinSize(1, { message: 'must name at least one pass' })
  @ArrayMaxSize(MAX_BUNDLE_PASSES, { message: `must name at most ${MAX_BUNDLE_PASSES} passes (Wallet adds at most ${MAX_BUNDLE_PASSES} at once)` })
  @IsUUID('all', { each: true, message: 'each entry must be a pass id (uuid)' })
  @ArrayUnique((id: string) => (typeof id === 'string' ? id.toLowerCase() : id), { message: 'must name each pass once' })
  pass_ids: string[];
}

export class ListPassesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'MEMBER-001' })
  @IsOptional()
  @IsString()
  @Matches(MEMBER_ID, { message: MEMBER_ID_MESSAGE })
  member_id?: string;

  @ApiPropertyOptional({ enum: PASS_STATUSES })
  @IsOptional()
  @IsIn(PASS_STATUSES, { message: `must be one of ${PASS_STATUSES.join(', ')}` })
  status?: PassStatus;

  @ApiPropertyOptional({ enum: PASS_TYPES })
  @IsOptional()
  @IsIn(PASS_TYPES, { message: 'must be apple or google' })
  pass_type?: PassType;

  @ApiPropertyOptional({ example: 'summer-2026', description: 'Passes carrying this tag' })
  @IsOptional()
  @IsString()
  @Matches(PASS_TAG, { message: PASS_TAG_MESSAGE })
  tag?: string;

  @ApiPropertyOptional({ example: 'ada@example.com', description: "Passes of the tenant's members with this e-mail (case-insensitive)" })
  @IsOptional()
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ example: 'MEMBER-001', description: "Passes whose serial number or barcode message (as scanned from the pass) is this" })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  code?: string;
}

export class UpdatePassDto {
  @ApiPropertyOptional({ enum: SETTABLE_PASS_STATUSES })
  @IsOptional()
  @IsIn(SETTABLE_PASS_STATUSES, { message: `must be one of ${SETTABLE_PASS_STATUSES.join(', ')}` })
  status?: SettablePassStatus;

  @ApiPropertyOptional({ example: '2026-12-31T23:59:59Z', nullable: true, type: String, description: 'ISO 8601 date-time; null clears it' })
  @ValidateIf((_dto, value) => value !== null)
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date-time' })
  expiration_date?: string | null;

  @PassTags()
  tags?: string[];
}

/** `GET /demo`: the seed's query parameters and defaults. */
export class DemoPassQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 0, example: 156, default: 156 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'must be a non-negative integer' })
  @Min(0, { message: 'must be a non-negative integer' })
  @Max(MAX_POINTS)
  points?: number;

  @ApiPropertyOptional({ example: 'Gold', default: 'Gold', description: 'Membership level' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(32)
  level?: string;

  @ApiPropertyOptional({ example: '12345678', default: '12345678' })
  @IsOptional()
  @IsString()
  @Matches(MEMBER_ID, { message: MEMBER_ID_MESSAGE })
  memberId?: string;

  @ApiPropertyOptional({ example: 'strip.png', default: 'strip.png', description: 'Strip image; any name shows the built-in strip, "none" leaves it out' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  strip?: string;
}

export class PassTraceQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100, description: 'Steps to return, newest first' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}
