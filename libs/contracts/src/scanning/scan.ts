import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import type { PointsOperation, ScanAction } from '../events';
import { MAX_POINTS_PER_CALL } from '../member/member.dto';
import { MAX_BALANCE_PER_CALL } from '../member/stored-value';
import { PassView } from '../pass/pass.views';
import type { Rpc } from '../rpc';

export const SCAN_ACTIONS = ['redeem', 'points', 'balance'] as const satisfies readonly ScanAction[];
const OPERATIONS = ['add', 'subtract', 'set'] as const satisfies readonly PointsOperation[];

/**
 * POST /v1/scan/{code}. `points` changes points, `balance` the stored value; either may also
 * carry the other amount, and then both change in one member transaction with the same
 * operation (a subtract beyond the balance leaves the points as they were too).
 */
export class ScanActionDto {
  @ApiProperty({ enum: SCAN_ACTIONS, example: 'redeem' })
  @IsIn(SCAN_ACTIONS, { message: 'must be redeem, points or balance' })
  action: ScanAction;

  @ApiPropertyOptional({ example: 10, minimum: 0, description: 'Required for action points' })
  @ValidateIf((dto: ScanActionDto, value) => dto.action === 'points' || value !== undefined)
  @IsInt({ message: 'must be a non-negative integer' })
  @Min(0, { message: 'must be a non-negative integer' })
  @Max(MAX_POINTS_PER_CALL)
  points?: number;

  @ApiPropertyOptional({ example: 450, minimum: 0, description: 'Minor units; required for action balance' })
  @ValidateIf((dto: ScanActionDto, value) => dto.action === 'balance' || value !== undefined)
  @IsInt({ message: 'must be a non-negative integer (minor units)' })
  @Min(0, { message: 'must be a non-negative integer (minor units)' })
  @Max(MAX_BALANCE_PER_CALL)
  amount?: number;

  @ApiPropertyOptional({ enum: OPERATIONS, description: 'Required for actions points and balance' })
  @ValidateIf((dto: ScanActionDto, value) => dto.action === 'points' || dto.action === 'balance' || value !== undefined)
  @IsIn(OPERATIONS, { message: 'must be add, subtract or set' })
  operation?: PointsOperation;

  @ApiPropertyOptional({ example: 'Coffee and croissant' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  description?: string;

  @ApiPropertyOptional({ example: 'till-7-000123', maxLength: 64, description: 'Makes the scan idempotent per tenant; generated when absent' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  transaction_reference?: string;
}

export class ScannedMemberView {
  @ApiProperty({ example: 'MEMBER-001' }) member_id: string;
  @ApiProperty({ nullable: true, type: String }) member_name: string | null;
  @ApiProperty({ example: 120 }) points: number;
  @ApiProperty({ example: 1250, description: 'Stored value, minor units' }) balance: number;
  @ApiProperty({ example: 'silver' }) tier: string;
}

export class ScanLookupView {
  @ApiProperty({ type: PassView }) pass: PassView;
  @ApiProperty({ type: ScannedMemberView, nullable: true, description: 'null when the member was deleted' }) member: ScannedMemberView | null;
  @ApiProperty({ enum: SCAN_ACTIONS, isArray: true, description: 'What the till may do with this pass now' }) actions: ScanAction[];
}

export class ScanResultView extends ScanLookupView {
  @ApiProperty({ format: 'uuid' }) scan_id: string;
  @ApiProperty({ enum: SCAN_ACTIONS }) action: ScanAction;
  @ApiProperty() transaction_reference: string;
  @ApiProperty({ description: 'true when this reference was already scanned: nothing changed and the first result is returned' }) was_duplicate: boolean;
}

/** A scanner's view of its own identity, as the gateway forwards it. */
export interface ScanRequest {
  code: string;
}

// Do not change the values: they are channel names on the Redis transport.
export const ScanPatterns = {
  lookup: 'pass.scan.lookup',
  act: 'pass.scan.act',
} as const;

export interface ScanRpcMap {
  [ScanPatterns.lookup]: Rpc<ScanRequest, ScanLookupView>;
  [ScanPatterns.act]: Rpc<ScanRequest & ScanActionDto, ScanResultView>;
}
