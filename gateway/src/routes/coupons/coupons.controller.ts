import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOperation, ApiParam, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { CallContext, CouponPatterns, CouponView, CreateCouponDto, DeletedCouponView, ListCouponsQueryDto, UpdateCouponDto } from '@wp/contracts';
import { RpcClient } from '@wp/messaging';
import { Auth } from '../../auth/auth.decorator';
import { Ctx } from '../../auth/call-context.decorator';
import { Paginated } from '../../core/response.decorators';
import { UuidParam } from '../../core/uuid.pipe';
import { ApiEnvelope } from '../../openapi/api-envelope.decorator';
import { ErrorEnvelope } from '../../openapi/error-envelope';

const COUPON_ID = { name: 'id', format: 'uuid', description: 'Coupon id' };

/** The coupon catalogue (spec/API.md §8.7); member-data owns it, beside the points it is bought with. */
@ApiTags('member data: coupons')
@Controller('v1/coupons')
export class CouponsController {
  constructor(private readonly rpc: RpcClient) {}

  @Post()
  @Auth('tenant')
  @HttpCode(201)
  @ApiOperation({ summary: 'Add a coupon to the catalogue: title, price in points, optional stock and validity', operationId: 'createCoupon' })
  @ApiEnvelope(CouponView, { status: 201 })
  @ApiNotFoundResponse({ description: 'No such pass style (style_id)', type: ErrorEnvelope })
  @ApiUnprocessableEntityResponse({ description: 'style_id names a style that is not of kind coupon', type: ErrorEnvelope })
  create(@Ctx() ctx: CallContext, @Body() body: CreateCouponDto) {
    return this.rpc.send(CouponPatterns.create, ctx, body);
  }

  @Get()
  @Auth('tenant')
  @Paginated()
  @ApiOperation({ summary: 'List the coupon catalogue, newest first', operationId: 'listCoupons' })
  @ApiEnvelope(CouponView, { paginated: true })
  list(@Ctx() ctx: CallContext, @Query() query: ListCouponsQueryDto) {
    return this.rpc.send(CouponPatterns.list, ctx, query);
  }

  @Get(':id')
  @Auth('tenant')
  @ApiParam(COUPON_ID)
  @ApiOperation({ summary: 'Get a coupon with how many were issued', operationId: 'getCoupon' })
  @ApiEnvelope(CouponView)
  @ApiNotFoundResponse({ description: 'No such coupon', type: ErrorEnvelope })
  get(@Ctx() ctx: CallContext, @Param('id', new UuidParam('Coupon')) id: string) {
    return this.rpc.send(CouponPatterns.get, ctx, { id });
  }

  @Patch(':id')
  @Auth('tenant')
  @ApiParam(COUPON_ID)
  @ApiOperation({ summary: 'Change a coupon (null clears an optional field); passes already issued keep what they show', operationId: 'updateCoupon' })
  @ApiEnvelope(CouponView)
  @ApiNotFoundResponse({ description: 'No such coupon or pass style', type: ErrorEnvelope })
  @ApiUnprocessableEntityResponse({ description: 'stock below the number already issued, or style_id names a style that is not of kind coupon', type: ErrorEnvelope })
  update(@Ctx() ctx: CallContext, @Param('id', new UuidParam('Coupon')) id: string, @Body() body: UpdateCouponDto) {
    return this.rpc.send(CouponPatterns.update, ctx, { ...body, id });
  }

  @Delete(':id')
  @Auth('tenant')
  @ApiParam(COUPON_ID)
  @ApiOperation({ summary: 'End a coupon offer: no more issues; passes already issued stay valid', operationId: 'deleteCoupon' })
  @ApiEnvelope(DeletedCouponView)
  @ApiNotFoundResponse({ description: 'No such coupon', type: ErrorEnvelope })
  delete(@Ctx() ctx: CallContext, @Param('id', new UuidParam('Coupon')) id: string) {
    return this.rpc.send(CouponPatterns.delete, ctx, { id });
  }
}
