import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOperation, ApiParam, ApiServiceUnavailableResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { CallContext, CouponPatterns, IssueCouponDto, PassView } from '@wp/contracts';
import { RpcClient } from '@wp/messaging';
import { Auth } from '../../auth/auth.decorator';
import { Ctx } from '../../auth/call-context.decorator';
import { SuccessMessage } from '../../core/response.decorators';
import { ApiEnvelope } from '../../openapi/api-envelope.decorator';
import { ErrorEnvelope } from '../../openapi/error-envelope';
import { MemberIdParam } from '../member/member-id.pipe';

@ApiTags('member data: coupons')
@Controller('v1/members')
export class MemberCouponsController {
  constructor(private readonly rpc: RpcClient) {}

  @Post(':member_id/coupons')
  @Auth('tenant')
  @HttpCode(201)
  @SuccessMessage('Coupon issued')
  @ApiParam({ name: 'member_id', description: "The tenant's own member id", example: 'MEMBER-001' })
  @ApiOperation({
    summary: 'Issue a coupon to a member as a coupon pass, optionally paid with points',
    description:
      'With pay_with_points the price is deducted (ledger operation coupon_purchase) in the same transaction that takes one from the stock. ' +
      'Too few points, no stock left or an ended offer is a 422 that changes nothing. The pass carries coupon_id and can be redeemed once.',
    operationId: 'issueCoupon',
  })
  @ApiEnvelope(PassView, { status: 201 })
  @ApiNotFoundResponse({ description: 'No such member or coupon', type: ErrorEnvelope })
  @ApiUnprocessableEntityResponse({
    description: 'insufficient_points, out_of_stock, coupon_expired, a coupon without price_points paid with points, or the pass cannot be made (e.g. Google Wallet not configured; stock and points are given back)',
    type: ErrorEnvelope,
  })
  @ApiServiceUnavailableResponse({ description: 'The coupon was bought but its pass is not ready yet: retry with the same Idempotency-Key', type: ErrorEnvelope })
  issue(@Ctx() ctx: CallContext, @Param('member_id', MemberIdParam) memberId: string, @Body() body: IssueCouponDto): Promise<PassView> {
    return this.rpc.send(CouponPatterns.issue, ctx, { ...body, member_id: memberId });
  }
}
