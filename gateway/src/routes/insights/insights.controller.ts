import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CallContext, EventLogView, InsightsPatterns, ListEventsQueryDto, MetricsQueryDto, MetricsView } from '@wp/contracts';
import { RpcClient } from '@wp/messaging';
import { Auth } from '../../auth/auth.decorator';
import { Ctx } from '../../auth/call-context.decorator';
import { Paginated } from '../../core/response.decorators';
import { ApiEnvelope } from '../../openapi/api-envelope.decorator';

@ApiTags('notification: insights')
@Controller('v1/insights')
export class InsightsController {
  constructor(private readonly rpc: RpcClient) {}

  @Get('metrics')
  @Auth('tenant')
  @ApiOperation({
    summary: 'Counts per UTC day or hour: passes created by wallet, installs (and by channel), uninstalls, updates pushed, SMS, link clicks',
    operationId: 'getInsightsMetrics',
  })
  @ApiEnvelope(MetricsView)
  metrics(@Ctx() ctx: CallContext, @Query() query: MetricsQueryDto) {
    return this.rpc.send(InsightsPatterns.metrics, ctx, query);
  }

  @Get('events')
  @Auth('tenant')
  @Paginated()
  @ApiOperation({ summary: 'The event log, newest first; filter by type (or family wildcard), member and time', operationId: 'listInsightsEvents' })
  @ApiEnvelope(EventLogView, { paginated: true })
  events(@Ctx() ctx: CallContext, @Query() query: ListEventsQueryDto) {
    return this.rpc.send(InsightsPatterns.events, ctx, query);
  }
}
