import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CallContext, PassView, RedeemPassDto, RedemptionPatterns } from '@wp/contracts';
import { RpcClient } from '@wp/messaging';
import { Auth } from '../../auth/auth.decorator';
import { Ctx } from '../../auth/call-context.decorator';
import { UuidParam } from '../../core/uuid.pipe';
import { ApiEnvelope } from '../../openapi/api-envelope.decorator';
import { ErrorEnvelope } from '../../openapi/error-envelope';

@ApiTags('pass generation: passes')
@Controller('v1/passes')
export class PassRedemptionController {
  constructor(private readonly rpc: RpcClient) {}

  @Post(':pass_id/redeem')
  @Auth('tenant')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Redeem a pass once (a coupon at the till): status redeemed, pushed to the wallets, event pass.redeemed',
    description: 'A repeat with the same transaction_reference replays the first 200; any other second redeem is a 409.',
    operationId: 'redeemPass',
  })
  @ApiEnvelope(PassView)
  @ApiNotFoundResponse({ description: 'No such pass', type: ErrorEnvelope })
  @ApiConflictResponse({ description: 'Already redeemed (with another reference), or the pass is not active (voided, blocked, expired)', type: ErrorEnvelope })
  redeem(@Ctx() ctx: CallContext, @Param('pass_id', new UuidParam('Pass')) passId: string, @Body() body: RedeemPassDto) {
    return this.rpc.send(RedemptionPatterns.redeem, ctx, { ...body, pass_id: passId });
  }
}
