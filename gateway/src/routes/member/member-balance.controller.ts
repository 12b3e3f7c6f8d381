import { Body, Controller, Param, Put } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOperation, ApiParam, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { BalanceChangeView, CallContext, StoredValuePatterns, UpdateBalanceDto } from '@wp/contracts';
import { RpcClient } from '@wp/messaging';
import { Auth } from '../../auth/auth.decorator';
import { Ctx } from '../../auth/call-context.decorator';
import { ApiEnvelope } from '../../openapi/api-envelope.decorator';
import { ErrorEnvelope } from '../../openapi/error-envelope';
import { MemberIdParam } from './member-id.pipe';

@ApiTags('member data: members')
@Controller('v1/members')
export class MemberBalanceController {
  constructor(private readonly rpc: RpcClient) {}

  @Put(':member_id/balance')
  @Auth('tenant')
  @ApiParam({ name: 'member_id', description: "The tenant's own member id", example: 'MEMBER-001' })
  @ApiOperation({
    summary: "Add, subtract or set a member's stored value (minor units of the tenant's currency), atomically; idempotent by transaction_reference",
    description: 'Like points, except that a subtract beyond the balance is a 422 insufficient_balance that changes nothing: money is never clamped.',
    operationId: 'updateMemberBalance',
  })
  @ApiEnvelope(BalanceChangeView)
  @ApiNotFoundResponse({ description: 'No such member', type: ErrorEnvelope })
  @ApiUnprocessableEntityResponse({ description: 'insufficient_balance, the balance would overflow, or the reference belongs to another member', type: ErrorEnvelope })
  change(@Ctx() ctx: CallContext, @Param('member_id', MemberIdParam) memberId: string, @Body() body: UpdateBalanceDto) {
    return this.rpc.send(StoredValuePatterns.updateBalance, ctx, { ...body, member_id: memberId });
  }
}
