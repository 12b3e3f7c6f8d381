import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength, ValidationArguments, ValidationOptions, registerDecorator } from 'class-validator';
import { E164, MEMBER_ID, MEMBER_ID_MESSAGE } from '../member/member.dto';

const given = (body: Record<string, unknown>, fields: string[]) => fields.filter((field) => body[field] !== undefined && body[field] !== null);

/**
 * Exactly one of `fields` is given, and the decorated one, when given, is a non-empty
 * string of at most `maxLength`. One custom rule because class-validator's @IsOptional would
 * skip every rule of an absent field, including "one of the two is required". The error is
 * reported on the decorated field (`pass_id: give pass_id or member_id`).
 */
export function ExactlyOneOf(fields: string[], maxLength: number, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'exactlyOneOf',
      target: target.constructor,
      propertyName: String(propertyName),
      constraints: fields,
      options,
      validator: {
        validate(value: unknown, args: ValidationArguments) {
          if (given(args.object as Record<string, unknown>, fields).length !== 1) return false;
          return value === undefined || value === null || (typeof value === 'string' && value.length > 0 && value.length <= maxLength);
        },
        defaultMessage(args: ValidationArguments) {
          const count = given(args.object as Record<string, unknown>, fields).length;
          const names = fields.join(' or ');
          if (count === 0) return `give ${names}`;
          if (count > 1) return `give ${names}, not both`;
          return `must be a string of at most ${maxLength} characters`;
        },
      },
    });
}

export class SendPassSmsDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The pass to send; give this or member_id', example: '3f6c2a7e-8d1b-4c55-9a3e-2b7f1d0c9e41' })
  @ExactlyOneOf(['pass_id', 'member_id'], 64)
  pass_id?: string;

  @ApiPropertyOptional({ example: 'MEMBER-001', description: "The member whose pass to send (created when the member has none); give this or pass_id", pattern: MEMBER_ID.source })
  @IsOptional()
  @IsString()
  @Matches(MEMBER_ID, { message: MEMBER_ID_MESSAGE })
  member_id?: string;

  @ApiProperty({ example: '+14155550123', description: 'E.164. A real send also needs a number libphonenumber calls possible.', pattern: E164.source })
  @IsString()
  @Matches(E164, { message: 'must be an E.164 phone number such as +14155550123' })
  phone_number: string;
}

/** `POST /v1/distribution/send-pass-email` (spec/API.md §8.7). */
export class SendPassEmailDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The pass to send; give this or member_id', example: '3f6c2a7e-8d1b-4c55-9a3e-2b7f1d0c9e41' })
  @ExactlyOneOf(['pass_id', 'member_id'], 64)
  pass_id?: string;

  @ApiPropertyOptional({ example: 'MEMBER-001', description: "The member whose pass to send (their Apple pass, created when they have none); give this or pass_id", pattern: MEMBER_ID.source })
  @IsOptional()
  @IsString()
  @Matches(MEMBER_ID, { message: MEMBER_ID_MESSAGE })
  member_id?: string;

  @ApiProperty({ example: 'ada@example.com', maxLength: 254 })
  @IsString()
  @MaxLength(254)
  @IsEmail({}, { message: 'must be an e-mail address' })
  email: string;

  @ApiPropertyOptional({ example: 'Your Example Coffee card', maxLength: 200, description: 'Default: "Your {company} card"' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  // A header line: a line break would let the caller forge headers.
  @Matches(/^[^\r\n]*$/, { message: 'must be one line' })
  subject?: string;
}

export const DRY_RUN_VALUES = ['1', '0', 'true', 'false'] as const;

export class SendPassSmsQueryDto {
  @ApiPropertyOptional({ enum: DRY_RUN_VALUES, description: '1: do everything but the send and return the exact message body' })
  @IsOptional()
  @IsIn(DRY_RUN_VALUES, { message: 'must be 1 or 0' })
  dry_run?: (typeof DRY_RUN_VALUES)[number];
}

export function isDryRun(query: SendPassSmsQueryDto): boolean {
  return query.dry_run === '1' || query.dry_run === 'true';
}
