import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import type { Rpc } from '../rpc';
import type { PassView } from './pass.views';

/** POST /v1/passes/{pass_id}/redeem (spec/API.md §8.7). */
export class RedeemPassDto {
  @ApiPropertyOptional({ example: 'order-8812', maxLength: 64, description: 'A repeat with the same reference replays the first 200; any other second redeem is a 409' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  transaction_reference?: string;
}

// Do not change the values: they are channel names on the Redis transport.
export const RedemptionPatterns = {
  redeem: 'pass.passes.redeem',
} as const;

export interface RedemptionRpcMap {
  [RedemptionPatterns.redeem]: Rpc<{ pass_id: string } & RedeemPassDto, PassView>;
}
