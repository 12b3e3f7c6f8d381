import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ERROR_STATUS, ErrorCode } from '../errors';
import { BATCH_OPERATION_KINDS, BatchOperationKind } from './batch.dto';

export const BATCH_STATES = ['queued', 'running', 'completed'] as const;
export type BatchState = (typeof BATCH_STATES)[number];

export class BatchSubmittedView {
  @ApiProperty({ format: 'uuid' }) batch_id: string;
  @ApiProperty({ enum: ['queued'] }) state: BatchState;
  @ApiProperty({ example: 2000 }) total: number;
}

/** One operation that failed; the batch goes on without it. */
export class BatchOperationErrorView {
  @ApiProperty({ example: 17, description: 'Position of the operation in the submitted `operations` (imports: of the data row, from 0)' }) index: number;
  @ApiPropertyOptional({ example: 19, description: 'Imports only: the line of the CSV file where the row starts; the header is line 1' }) line?: number;
  @ApiProperty({ enum: BATCH_OPERATION_KINDS, description: '`import_member` for a row of POST /v1/members/import' }) op: BatchOperationKind;
  @ApiProperty({ enum: Object.keys(ERROR_STATUS), example: 'not_found' }) code: ErrorCode;
  @ApiProperty({ example: 'Member not found' }) message: string;
}

/** A batch in a list: its state and counts; its errors are in GET /v1/batch/{batch_id}. */
export class BatchSummaryView {
  @ApiProperty({ format: 'uuid' }) batch_id: string;
  @ApiProperty({ enum: BATCH_STATES, description: '`completed` once every operation ran, whether it succeeded or failed' }) state: BatchState;
  @ApiProperty({ example: 2000 }) total: number;
  @ApiProperty({ example: 1998 }) succeeded: number;
  @ApiProperty({ example: 2 }) failed: number;
  @ApiProperty({ example: 0, description: 'Operations not run yet' }) pending: number;
  @ApiProperty() created_at: string;
  @ApiProperty({ nullable: true, type: String }) started_at: string | null;
  @ApiProperty({ nullable: true, type: String }) completed_at: string | null;
}

export class BatchView extends BatchSummaryView {
  @ApiProperty({ type: [BatchOperationErrorView], description: 'Every failed operation (imports: every failed row), by index' }) errors: BatchOperationErrorView[];
}
