import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import type { PassType } from '../events';
import { MAX_POINTS_PER_CALL } from '../member/member.dto';
import { PageQueryDto } from '../pagination';

const PASS_TYPE_VALUES = ['apple', 'google'] as const satisfies readonly PassType[];
/** Ten years: long enough for any real offer, short enough that the date stays meaningful. */
export const MAX_COUPON_VALID_DAYS = 3650;
export const MAX_COUPON_STOCK = 100_000_000;

/** POST /v1/coupons (spec/API.md §8.7): an offer of the catalogue. */
export class CreateCouponDto {
  @ApiProperty({ example: 'Free coffee', maxLength: 120 })
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  title: string;

  @ApiPropertyOptional({ example: 'One hot drink of your choice', maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  description?: string;

  @ApiPropertyOptional({ example: 150, minimum: 0, description: 'Price in points when bought with pay_with_points; without one the coupon cannot be paid with points' })
  @IsOptional()
  @IsInt({ message: 'must be a non-negative integer' })
  @Min(0, { message: 'must be a non-negative integer' })
  @Max(MAX_POINTS_PER_CALL)
  price_points?: number;

  @ApiPropertyOptional({ example: 100, minimum: 0, description: 'How many may ever be issued; unlimited when absent. Every issue counts, paid or free.' })
  @IsOptional()
  @IsInt({ message: 'must be a non-negative integer' })
  @Min(0, { message: 'must be a non-negative integer' })
  @Max(MAX_COUPON_STOCK)
  stock?: number;

  @ApiPropertyOptional({ example: 30, minimum: 1, description: 'An issued coupon pass expires this many days after its issue (or at expires_at, whichever is first)' })
  @IsOptional()
  @IsInt({ message: 'must be a positive integer' })
  @Min(1, { message: 'must be a positive integer' })
  @Max(MAX_COUPON_VALID_DAYS)
  valid_days?: number;

  @ApiPropertyOptional({ example: '2026-12-31T23:59:59Z', description: 'The offer ends: no issue after it, and no issued pass outlives it' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date-time' })
  expires_at?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Pass style of the coupon passes, a style of kind coupon (else 422 naming style_id); the built-in coupon look when absent' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a pass style id (uuid)' })
  style_id?: string;

  @ApiPropertyOptional({ example: 'SKU-COFFEE-1', maxLength: 128, description: 'Your own id for the offer (e.g. the shop article)' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  external_reference?: string;
}

/** PATCH /v1/coupons/{id}: any field; null clears an optional one. */
export class UpdateCouponDto {
  @ApiPropertyOptional({ example: 'Free coffee', maxLength: 120 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  title?: string;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 1000 })
  @ValidateIf((_dto, value) => value !== null)
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  description?: string | null;

  @ApiPropertyOptional({ nullable: true, type: Number, minimum: 0 })
  @ValidateIf((_dto, value) => value !== null)
  @IsOptional()
  @IsInt({ message: 'must be a non-negative integer' })
  @Min(0, { message: 'must be a non-negative integer' })
  @Max(MAX_POINTS_PER_CALL)
  price_points?: number | null;

  @ApiPropertyOptional({ nullable: true, type: Number, minimum: 0, description: 'Not below the number already issued (422)' })
  @ValidateIf((_dto, value) => value !== null)
  @IsOptional()
  @IsInt({ message: 'must be a non-negative integer' })
  @Min(0, { message: 'must be a non-negative integer' })
  @Max(MAX_COUPON_STOCK)
  stock?: number | null;

  @ApiPropertyOptional({ nullable: true, type: Number, minimum: 1 })
  @ValidateIf((_dto, value) => value !== null)
  @IsOptional()
  @IsInt({ message: 'must be a positive integer' })
  @Min(1, { message: 'must be a positive integer' })
  @Max(MAX_COUPON_VALID_DAYS)
  valid_days?: number | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  @ValidateIf((_dto, value) => value !== null)
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date-time' })
  expires_at?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid', description: 'A style of kind coupon (else 422 naming style_id); null for the built-in coupon look' })
  @ValidateIf((_dto, value) => value !== null)
  @IsOptional()
  @IsUUID('all', { message: 'must be a pass style id (uuid)' })
  style_id?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 128 })
  @ValidateIf((_dto, value) => value !== null)
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  external_reference?: string | null;
}

export class ListCouponsQueryDto extends PageQueryDto {}

/** POST /v1/members/{member_id}/coupons: issue a coupon pass to a member. */
export class IssueCouponDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be a coupon id (uuid)' })
  coupon_id: string;

  @ApiProperty({ enum: PASS_TYPE_VALUES, example: 'apple' })
  @IsIn(PASS_TYPE_VALUES, { message: 'must be apple or google' })
  pass_type: PassType;

  @ApiPropertyOptional({ example: true, description: "Deduct the coupon's price_points from the member in the same transaction as the issue (422 when too few)" })
  @IsOptional()
  @IsBoolean({ message: 'must be true or false' })
  pay_with_points?: boolean;

  @ApiPropertyOptional({ example: '2026-12-31T23:59:59Z', description: "The pass's expiry; by default valid_days after the issue, capped by the coupon's expires_at" })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date-time' })
  expiration_date?: string;
}
