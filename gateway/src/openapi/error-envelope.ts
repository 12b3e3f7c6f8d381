import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldErrorView {
  @ApiProperty({ example: 'points' }) field: string;
  @ApiProperty({ example: 'must be a non-negative integer' }) message: string;
}

export class ErrorEnvelope {
  @ApiProperty({ enum: ['error'] }) status: 'error';
  @ApiProperty({ example: 'Validation failed' }) message: string;
  @ApiPropertyOptional({ type: [FieldErrorView] }) errors?: FieldErrorView[];
  @ApiProperty({ example: '2026-01-09T10:30:00.000Z' }) timestamp: string;
  @ApiProperty() request_id: string;
}
