import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength, Validate, ValidatorConstraint, ValidatorConstraintInterface } from 'class-validator';
import { MEMBER_ID, MEMBER_ID_MESSAGE } from '../member/member.dto';
import { PageQueryDto } from '../pagination';
import { isEventPattern } from '../webhooks/webhook-events';

export const INSIGHT_INTERVALS = ['hour', 'day'] as const;
export type InsightInterval = (typeof INSIGHT_INTERVALS)[number];

/** The most buckets one metrics call returns: a year of days, or a month of hours. */
export const MAX_BUCKETS: Record<InsightInterval, number> = { day: 366, hour: 31 * 24 };

@ValidatorConstraint({ name: 'eventPattern' })
class EventPatternConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && isEventPattern(value);
  }

  defaultMessage(): string {
    return 'must be an event type, a family wildcard such as pass.*, or *';
  }
}

export class MetricsQueryDto {
  @ApiPropertyOptional({ example: '2026-01-01', description: 'ISO 8601 date or date-time (UTC when no offset); default: 30 days (day) or 48 hours (hour) before `to`' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date or date-time' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-02-01', description: 'ISO 8601, exclusive; default: now' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date or date-time' })
  to?: string;

  @ApiPropertyOptional({ enum: INSIGHT_INTERVALS, default: 'day', description: 'Bucket size; buckets are aligned to UTC' })
  @IsOptional()
  @IsIn(INSIGHT_INTERVALS, { message: 'must be day or hour' })
  interval?: InsightInterval;
}

export class ListEventsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'pass.*', description: 'An event type, a family wildcard, or *' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  @Validate(EventPatternConstraint)
  type?: string;

  @ApiPropertyOptional({ example: 'MEMBER-001' })
  @IsOptional()
  @IsString()
  @Matches(MEMBER_ID, { message: MEMBER_ID_MESSAGE })
  member_id?: string;

  @ApiPropertyOptional({ example: '2026-01-01T00:00:00Z', description: 'Inclusive' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date or date-time' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-02-01T00:00:00Z', description: 'Exclusive' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date or date-time' })
  to?: string;
}
