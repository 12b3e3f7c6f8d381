import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOperation, ApiParam, ApiServiceUnavailableResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import {
  CallContext,
  DeletedMemberView,
  ListMembersQueryDto,
  MemberDetailView,
  MemberPatterns,
  MemberView,
  PageQueryDto,
  PointTransactionView,
  PointsChangeView,
  RegisterMemberDto,
  UpdateMemberDto,
  UpdatePointsDto,
} from '@wp/contracts';
import { RpcClient } from '@wp/messaging';
import { Auth } from '../../auth/auth.decorator';
import { Ctx } from '../../auth/call-context.decorator';
import { Paginated } from '../../core/response.decorators';
import { ApiEnvelope } from '../../openapi/api-envelope.decorator';
import { ErrorEnvelope } from '../../openapi/error-envelope';
import { MemberIdParam } from './member-id.pipe';

const MEMBER_ID_PARAM = { name: 'member_id', description: "The tenant's own member id, e.g. MEMBER-001", example: 'MEMBER-001' };

@ApiTags('member data: members')
@Controller('v1/members')
export class MembersController {
  constructor(private readonly rpc: RpcClient) {}

  @Post('register')
  @Auth('tenant')
  @HttpCode(201)
  @ApiOperation({ summary: 'Register a member (0 points, lowest tier)', operationId: 'registerMember' })
  @ApiEnvelope(MemberView, { status: 201 })
  @ApiConflictResponse({ description: 'The tenant already has this member_id', type: ErrorEnvelope })
  @ApiNotFoundResponse({ description: 'No such style group (style_group_id)', type: ErrorEnvelope })
  register(@Ctx() ctx: CallContext, @Body() body: RegisterMemberDto) {
    return this.rpc.send(MemberPatterns.register, ctx, body);
  }

  @Get()
  @Auth('tenant')
  @Paginated()
  @ApiOperation({
    summary: 'List members, newest first, optionally of one tier or matching a search',
    description:
      '`q` matches a member whose member_id starts with it or whose member_name contains it (both case-insensitive), or whose member_email is exactly it (case-insensitive).',
    operationId: 'listMembers',
  })
  @ApiEnvelope(MemberView, { paginated: true })
  list(@Ctx() ctx: CallContext, @Query() query: ListMembersQueryDto) {
    return this.rpc.send(MemberPatterns.list, ctx, query);
  }

  @Get(':member_id')
  @Auth('tenant')
  @ApiParam(MEMBER_ID_PARAM)
  @ApiOperation({ summary: 'Get a member with points, tier and passes', operationId: 'getMember' })
  @ApiEnvelope(MemberDetailView)
  @ApiNotFoundResponse({ description: 'No such member', type: ErrorEnvelope })
  @ApiServiceUnavailableResponse({ description: 'Pass generation did not answer in time; retry', type: ErrorEnvelope })
  get(@Ctx() ctx: CallContext, @Param('member_id', MemberIdParam) memberId: string) {
    return this.rpc.send(MemberPatterns.get, ctx, { member_id: memberId });
  }

  @Patch(':member_id')
  @Auth('tenant')
  @ApiParam(MEMBER_ID_PARAM)
  @ApiOperation({ summary: "Update a member's name, e-mail, phone or style group (null clears)", operationId: 'updateMember' })
  @ApiEnvelope(MemberView)
  @ApiNotFoundResponse({ description: 'No such member', type: ErrorEnvelope })
  update(@Ctx() ctx: CallContext, @Param('member_id', MemberIdParam) memberId: string, @Body() body: UpdateMemberDto) {
    return this.rpc.send(MemberPatterns.update, ctx, { ...body, member_id: memberId });
  }

  @Delete(':member_id')
  @Auth('tenant')
  @ApiParam(MEMBER_ID_PARAM)
  @ApiOperation({ summary: "Delete a member: erases personal data and voids the member's passes", operationId: 'deleteMember' })
  @ApiEnvelope(DeletedMemberView)
  @ApiNotFoundResponse({ description: 'No such member', type: ErrorEnvelope })
  delete(@Ctx() ctx: CallContext, @Param('member_id', MemberIdParam) memberId: string) {
    return this.rpc.send(MemberPatterns.delete, ctx, { member_id: memberId });
  }

  @Put(':member_id/points')
  @Auth('tenant')
  @ApiParam(MEMBER_ID_PARAM)
  @ApiOperation({
    summary: 'Add, subtract (never below 0) or set points, atomically; idempotent by transaction_reference',
    operationId: 'updateMemberPoints',
  })
  @ApiEnvelope(PointsChangeView)
  @ApiNotFoundResponse({ description: 'No such member', type: ErrorEnvelope })
  @ApiUnprocessableEntityResponse({ description: 'The reference belongs to another member, or the balance would overflow', type: ErrorEnvelope })
  changePoints(@Ctx() ctx: CallContext, @Param('member_id', MemberIdParam) memberId: string, @Body() body: UpdatePointsDto) {
    return this.rpc.send(MemberPatterns.updatePoints, ctx, { ...body, member_id: memberId });
  }

  @Get(':member_id/transactions')
  @Auth('tenant')
  @Paginated()
  @ApiParam(MEMBER_ID_PARAM)
  @ApiOperation({ summary: "The member's points ledger, newest first", operationId: 'listMemberTransactions' })
  @ApiEnvelope(PointTransactionView, { paginated: true })
  @ApiNotFoundResponse({ description: 'No such member', type: ErrorEnvelope })
  transactions(@Ctx() ctx: CallContext, @Param('member_id', MemberIdParam) memberId: string, @Query() query: PageQueryDto) {
    return this.rpc.send(MemberPatterns.listTransactions, ctx, { ...query, member_id: memberId });
  }
}
