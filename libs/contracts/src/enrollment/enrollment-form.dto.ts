import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  Validate,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';

/** What a form may ask for, by their registration names (spec/API.md §8.6). */
export const ENROLLMENT_FIELDS = ['member_name', 'member_email', 'phone_number'] as const;
export type EnrollmentField = (typeof ENROLLMENT_FIELDS)[number];

/** Which wallet passes a sign-up gets. */
export const ENROLLMENT_PASS_TYPES = ['apple', 'google', 'both'] as const;
export type EnrollmentPassType = (typeof ENROLLMENT_PASS_TYPES)[number];

export const MAX_CONSENT_TEXT_LENGTH = 2000;

/**
 * A form must ask for an e-mail or a phone number: that is how a second sign-up of the same
 * person finds their member instead of making a new one.
 */
@ValidatorConstraint({ name: 'enrollmentFields' })
class EnrollmentFieldsConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return Array.isArray(value) && (value.includes('member_email') || value.includes('phone_number'));
  }

  defaultMessage(): string {
    return 'must include member_email or phone_number (a repeat sign-up is recognised by them)';
  }
}

export class CreateEnrollmentFormDto {
  @ApiProperty({ example: 'Summer sign-up', description: 'Shown to the tenant only; the page shows the company name' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Style group of the members the form registers; its look also styles the form' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a style group id (uuid)' })
  style_group_id?: string;

  @ApiProperty({ enum: ENROLLMENT_PASS_TYPES, example: 'both', description: '`google` and `both` need the tenant\'s Google Wallet credentials (422 otherwise)' })
  @IsIn(ENROLLMENT_PASS_TYPES, { message: `must be one of ${ENROLLMENT_PASS_TYPES.join(', ')}` })
  pass_type: EnrollmentPassType;

  @ApiProperty({
    type: [String],
    enum: ENROLLMENT_FIELDS,
    example: ['member_name', 'member_email'],
    description: 'The fields the page asks for, in this order; each is required on the page. Must include member_email or phone_number.',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ENROLLMENT_FIELDS.length)
  @ArrayUnique({ message: 'must not repeat a field' })
  @IsIn(ENROLLMENT_FIELDS, { each: true, message: `must list only ${ENROLLMENT_FIELDS.join(', ')}` })
  @Validate(EnrollmentFieldsConstraint)
  fields: EnrollmentField[];

  @ApiPropertyOptional({
    example: 'I agree to receive offers from Acme Coffee by e-mail.',
    description: 'When set, the page shows it beside a checkbox the person must tick',
    maxLength: MAX_CONSENT_TEXT_LENGTH,
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_CONSENT_TEXT_LENGTH)
  consent_text?: string;
}
