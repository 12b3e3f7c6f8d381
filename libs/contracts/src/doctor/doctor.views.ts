import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

// Response shapes of the pass doctor (spec/API.md §8.3). Classes so the OpenAPI document shows them.

export class DoctorProblemView {
  @ApiProperty({ example: 'wwdr_intermediate_missing', description: 'Stable problem code' }) code: string;
  @ApiProperty({ enum: ['error', 'warning'] }) severity: 'error' | 'warning';
  @ApiProperty({ description: 'What is wrong and how to fix it' }) message: string;
  @ApiPropertyOptional({ example: 'signature', description: 'The bundle file concerned' }) file?: string;
}

export class DoctorSignerView {
  @ApiProperty({ example: 'UID=pass.com.example.loyalty, CN=Pass Type ID: pass.com.example.loyalty, OU=ABCDE12345, O=Example, C=US' }) subject: string;
  @ApiProperty({ example: 'CN=Apple Worldwide Developer Relations Certification Authority, OU=G4, O=Apple Inc., C=US' }) issuer: string;
  @ApiProperty({ example: '2027-01-01T00:00:00.000Z' }) not_after: string;
}

export class PkpassSummaryView {
  @ApiProperty({ nullable: true, type: String }) pass_type_identifier: string | null;
  @ApiProperty({ nullable: true, type: String }) team_identifier: string | null;
  @ApiProperty({ nullable: true, type: String }) serial_number: string | null;
  @ApiProperty({ type: [String], description: 'Every readable file of the bundle' }) files: string[];
  @ApiProperty({ type: DoctorSignerView, nullable: true }) signer: DoctorSignerView | null;
}

export class PkpassDiagnosisView {
  @ApiProperty({ description: 'True when no problem is an error' }) ok: boolean;
  @ApiProperty({ type: [DoctorProblemView] }) problems: DoctorProblemView[];
  @ApiProperty({ type: PkpassSummaryView }) summary: PkpassSummaryView;
}

export class TenantDoctorCheckView {
  @ApiProperty({ example: 'apple_certificate_not_expired' }) code: string;
  @ApiProperty({ enum: ['ok', 'warning', 'error'] }) status: 'ok' | 'warning' | 'error';
  @ApiProperty({ description: 'What was checked and, when it failed, how to fix it; never a secret' }) message: string;
}

export class TenantDoctorView {
  @ApiProperty({ description: 'True when no check is an error' }) ok: boolean;
  @ApiProperty({ type: [TenantDoctorCheckView] }) checks: TenantDoctorCheckView[];
}
