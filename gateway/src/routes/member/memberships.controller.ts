import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CallContext, CreateMembershipDto, MemberPatterns, MembershipView } from '@wp/contracts';
import { RpcClient } from '@wp/messaging';
import { Auth } from '../../auth/auth.decorator';
import { Ctx } from '../../auth/call-context.decorator';
import { ApiEnvelope } from '../../openapi/api-envelope.decorator';

@ApiTags('member data: memberships')
@Controller('v1/memberships')
export class MembershipsController {
  constructor(private readonly rpc: RpcClient) {}

  @Post()
  @Auth('tenant')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Create or replace the membership programme; existing members are re-tiered in the background',
    operationId: 'createMembership',
  })
  @ApiEnvelope(MembershipView, { status: 201, description: 'The programme now in force' })
  replace(@Ctx() ctx: CallContext, @Body() body: CreateMembershipDto) {
    return this.rpc.send(MemberPatterns.createMembership, ctx, body);
  }

  @Get()
  @Auth('tenant')
  @ApiOperation({ summary: 'The programme in force (the default bronze/silver/gold when none was created)', operationId: 'getMembership' })
  @ApiEnvelope(MembershipView)
  get(@Ctx() ctx: CallContext) {
    return this.rpc.send(MemberPatterns.getMembership, ctx, {});
  }
}
