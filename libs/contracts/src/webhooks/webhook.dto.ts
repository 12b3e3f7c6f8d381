import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
  Validate,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { EVENT_TYPES } from '../events';
import { EVENT_PATTERN_EXAMPLES, isEventPattern } from './webhook-events';

export const MAX_WEBHOOK_URL_LENGTH = 2048;
export const MAX_WEBHOOK_EVENTS = 50;

@ValidatorConstraint({ name: 'eventPatterns' })
class EventPatternsConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return Array.isArray(value) && value.every((pattern) => typeof pattern === 'string' && isEventPattern(pattern));
  }

  defaultMessage(): string {
    return `must list event types (${EVENT_TYPES.join(', ')}), family wildcards such as pass.*, or *`;
  }
}

export class CreateWebhookDto {
  @ApiProperty({
    example: 'https://example.com/hooks/wallet',
    description: 'http(s) URL on a public address; loopback, private, link-local and metadata addresses are refused',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_WEBHOOK_URL_LENGTH)
  url: string;

  @ApiProperty({ type: [String], example: EVENT_PATTERN_EXAMPLES, description: 'Event types, `family.*` wildcards, or `*`' })
  @IsArray()
  @ArrayMinSize(1, { message: 'must list at least one event type' })
  @ArrayMaxSize(MAX_WEBHOOK_EVENTS)
  @ArrayUnique({ message: 'must not repeat an event type' })
  @Validate(EventPatternsConstraint)
  events: string[];

  @ApiPropertyOptional({ example: 'CRM sync' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  description?: string;
}
