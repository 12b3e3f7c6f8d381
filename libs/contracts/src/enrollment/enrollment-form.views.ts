import { ApiProperty } from '@nestjs/swagger';
import { ENROLLMENT_FIELDS, ENROLLMENT_PASS_TYPES, type EnrollmentField, type EnrollmentPassType } from './enrollment-form.dto';

// Response shapes. Classes (not interfaces) so the OpenAPI document shows them.

export class EnrollmentFormView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'summer-sign-up-k3v9qz', description: 'The public page is /e/{slug}' }) slug: string;
  @ApiProperty({ example: 'https://walletpass.example/e/summer-sign-up-k3v9qz', description: 'The public sign-up page' }) url: string;
  @ApiProperty({ example: 'Summer sign-up' }) name: string;
  @ApiProperty({ enum: ENROLLMENT_PASS_TYPES }) pass_type: EnrollmentPassType;
  @ApiProperty({ type: [String], enum: ENROLLMENT_FIELDS }) fields: EnrollmentField[];
  @ApiProperty({ nullable: true, type: String }) consent_text: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) style_group_id: string | null;
  @ApiProperty({ description: 'Sign-ups through the form (each new or returning person once per submission)', example: 12 }) submissions: number;
  @ApiProperty() created_at: string;
}

export class EnrollmentFormDeletedView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() deleted_at: string;
}
