import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  Equals,
  IsArray,
  IsDefined,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  Validate,
  ValidateNested,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { MEMBER_ID, MEMBER_ID_MESSAGE } from '../member/member.dto';
import { PageQueryDto } from '../pagination';
import { NOTIFICATION_MESSAGE_MAX } from './notifications.dto';

/** Members one scheduled notification may name; larger audiences are a tier or everyone. */
export const SCHEDULED_MEMBER_IDS_MAX = 1000;
/** How far in the past `send_at` may be (clock skew, a slow request): it then goes out at once. */
export const SCHEDULED_PAST_TOLERANCE_S = 60;
/** How far ahead a notification may be scheduled. */
export const SCHEDULED_HORIZON_DAYS = 365;

/** ISO 8601 date and time with seconds optional, a fraction optional, and a zone (Z or ±hh:mm) required. */
export const ISO_8601_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

export const SCHEDULED_STATES = ['scheduled', 'sending', 'sent', 'cancelled'] as const;
export type ScheduledState = (typeof SCHEDULED_STATES)[number];

const SELECTORS = ['member_ids', 'tier', 'all'] as const;

@ValidatorConstraint({ name: 'oneAudienceSelector' })
class OneSelectorConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (typeof value !== 'object' || value === null) return true; // @IsObject reports it
    return SELECTORS.filter((key) => (value as Record<string, unknown>)[key] !== undefined).length === 1;
  }

  defaultMessage(): string {
    return 'give exactly one of member_ids, tier or all';
  }
}

export class ScheduledAudienceDto {
  @ApiPropertyOptional({ type: [String], example: ['MEMBER-001', 'MEMBER-002'], maxItems: SCHEDULED_MEMBER_IDS_MAX, description: 'These members (each gets it on every active pass)' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1, { message: 'must list at least one member id' })
  @ArrayMaxSize(SCHEDULED_MEMBER_IDS_MAX)
  @ArrayUnique({ message: 'must not repeat a member id' })
  @IsString({ each: true })
  @Matches(MEMBER_ID, { each: true, message: `each ${MEMBER_ID_MESSAGE}` })
  member_ids?: string[];

  @ApiPropertyOptional({ example: 'gold', description: "Every member in this tier of the tenant's programme (its tier_name, as GET /v1/memberships lists it) when the message goes out" })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  tier?: string;

  @ApiPropertyOptional({ enum: [true], description: 'Every member of the tenant when the message goes out' })
  @IsOptional()
  @Equals(true, { message: 'must be true' })
  all?: true;
}

export class CreateScheduledNotificationDto {
  @ApiProperty({
    example: '2026-12-24T09:00:00Z',
    description: `ISO 8601 with a zone (Z or ±hh:mm); at most ${SCHEDULED_PAST_TOLERANCE_S} s in the past (then it goes out at once) and at most ${SCHEDULED_HORIZON_DAYS} days ahead`,
    pattern: ISO_8601_WITH_ZONE.source,
  })
  @IsString()
  @Matches(ISO_8601_WITH_ZONE, { message: 'must be an ISO 8601 date and time with a zone, such as 2026-12-24T09:00:00Z' })
  send_at: string;

  @ApiProperty({ example: 'Merry Christmas: double points all day!', maxLength: NOTIFICATION_MESSAGE_MAX })
  @IsString()
  @Matches(/\S/, { message: 'must not be empty' })
  @MaxLength(NOTIFICATION_MESSAGE_MAX)
  message: string;

  @ApiProperty({ type: ScheduledAudienceDto, description: 'Exactly one of member_ids, tier or all' })
  @IsDefined({ message: 'give exactly one of member_ids, tier or all' })
  @IsObject({ message: 'must be an object with one of member_ids, tier or all' })
  @Validate(OneSelectorConstraint)
  @ValidateNested()
  @Type(() => ScheduledAudienceDto)
  audience: ScheduledAudienceDto;
}

export class ListScheduledNotificationsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: SCHEDULED_STATES, description: 'Only scheduled notifications in this state' })
  @IsOptional()
  @IsIn(SCHEDULED_STATES, { message: `must be one of ${SCHEDULED_STATES.join(', ')}` })
  state?: ScheduledState;
}
