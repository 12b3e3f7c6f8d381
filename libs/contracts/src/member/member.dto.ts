import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { SearchPageQueryDto } from '../pagination';

/** E.164, as Twilio and the wallets expect. The seed's +1234567890 passes. */
export const E164 = /^\+[1-9]\d{7,14}$/;
/** A tenant's own member id: it travels in URL paths, so no slash, space or control character. */
export const MEMBER_ID = /^[A-Za-z0-9._:@+-]{1,64}$/;
export const MEMBER_ID_MESSAGE = 'must be 1 to 64 letters, digits or . _ : @ + -';
/** The largest balance a member can hold (Postgres integer). */
export const MAX_POINTS = 2_147_483_647;
/** The largest amount one call may add, subtract or set. */
export const MAX_POINTS_PER_CALL = 1_000_000_000;
export const MAX_TIERS = 20;

export class RegisterMemberDto {
  @ApiProperty({ example: 'MEMBER-001', pattern: MEMBER_ID.source })
  @IsString()
  @Matches(MEMBER_ID, { message: MEMBER_ID_MESSAGE })
  member_id: string;

  @ApiPropertyOptional({ example: 'John Doe' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  member_name?: string;

  @ApiPropertyOptional({ example: 'john@example.com' })
  @IsOptional()
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(254)
  member_email?: string;

  @ApiPropertyOptional({ example: '+1234567890', description: 'E.164', pattern: E164.source })
  @IsOptional()
  @IsString()
  @Matches(E164, { message: 'must be an E.164 phone number such as +14155550123' })
  phone_number?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Style group that picks the pass style by points' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a style group id (uuid)' })
  style_group_id?: string;
}

/** PATCH takes the registration names; `null` clears an optional field. */
export class UpdateMemberDto {
  @ApiPropertyOptional({ example: 'John Doe', nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  member_name?: string | null;

  @ApiPropertyOptional({ example: 'john@example.com', nullable: true, type: String })
  @IsOptional()
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(254)
  member_email?: string | null;

  @ApiPropertyOptional({ example: '+1234567890', nullable: true, type: String, pattern: E164.source })
  @IsOptional()
  @IsString()
  @Matches(E164, { message: 'must be an E.164 phone number such as +14155550123' })
  phone_number?: string | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String })
  @IsOptional()
  @IsUUID('all', { message: 'must be a style group id (uuid)' })
  style_group_id?: string | null;
}

/** `q` matches a member id by prefix, a name by substring (both case-insensitive) or an exact e-mail. */
export class ListMembersQueryDto extends SearchPageQueryDto {
  @ApiPropertyOptional({ example: 'silver', description: 'Only members in this tier' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  tier?: string;
}

export class UpdatePointsDto {
  @ApiProperty({ example: 25, minimum: 0, maximum: MAX_POINTS_PER_CALL })
  @IsInt({ message: 'must be a non-negative integer' })
  @Min(0, { message: 'must be a non-negative integer' })
  @Max(MAX_POINTS_PER_CALL)
  points: number;

  @ApiProperty({ enum: ['add', 'subtract', 'set'], example: 'add' })
  @IsIn(['add', 'subtract', 'set'], { message: 'must be add, subtract or set' })
  operation: 'add' | 'subtract' | 'set';

  @ApiPropertyOptional({ example: 'Purchase bonus' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  description?: string;

  @ApiPropertyOptional({
    example: 'order-8812',
    maxLength: 64,
    description: 'Makes the call idempotent per tenant: a repeat returns the first result with was_duplicate: true. Generated when absent.',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  transaction_reference?: string;
}

/** An inclusive points range, as tiers and style rules use it; `max_points: 0` is unbounded. */
export class PointsRangeDto {
  @ApiProperty({ example: 0, minimum: 0 })
  @IsInt({ message: 'must be a non-negative integer' })
  @Min(0, { message: 'must be a non-negative integer' })
  @Max(MAX_POINTS)
  min_points: number;

  @ApiProperty({ example: 100, minimum: 0, description: '0 means no upper bound' })
  @IsInt({ message: 'must be a non-negative integer' })
  @Min(0, { message: 'must be a non-negative integer' })
  @Max(MAX_POINTS)
  max_points: number;
}

export class MembershipTierDto extends PointsRangeDto {
  @ApiProperty({ example: 'bronze' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  tier_name: string;
}

export class CreateMembershipDto {
  @ApiProperty({ example: 'Loyalty Program' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ type: [MembershipTierDto], description: 'Ranges start at 0, do not overlap and leave no gap; the last may be unbounded (max_points 0)' })
  @IsArray()
  @ArrayMinSize(1, { message: 'must list at least one tier' })
  @ArrayMaxSize(MAX_TIERS, { message: `must list at most ${MAX_TIERS} tiers` })
  // ValidateNested lets null and nested arrays through; every entry must be an object.
  @IsObject({ each: true, message: 'each entry must be an object' })
  @ValidateNested({ each: true })
  @Type(() => MembershipTierDto)
  tiers: MembershipTierDto[];
}
