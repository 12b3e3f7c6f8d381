import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditEntryView, AuditLogPatterns, CallContext, ListAuditLogQueryDto } from '@wp/contracts';
import { RpcClient } from '@wp/messaging';
import { Auth } from '../../auth/auth.decorator';
import { Ctx } from '../../auth/call-context.decorator';
import { Paginated } from '../../core/response.decorators';
import { ApiEnvelope } from '../../openapi/api-envelope.decorator';

@ApiTags('tenant management: audit log')
@Controller('v1/audit-log')
export class AuditLogController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @Auth('admin')
  @Paginated()
  @ApiOperation({
    summary: 'Changes operators made while acting as a tenant (X-Tenant-Id), newest first',
    description:
      'One entry per call other than GET that an admin or bearer token made with `X-Tenant-Id`, whatever its status. The entry is written before the change is forwarded, so no change is ever missing; `status` is null while the call runs or if the gateway stopped before it could record the answer.',
    operationId: 'listAuditLog',
  })
  @ApiEnvelope(AuditEntryView, { paginated: true })
  list(@Ctx() ctx: CallContext, @Query() query: ListAuditLogQueryDto) {
    return this.rpc.send(AuditLogPatterns.list, ctx, query);
  }
}
