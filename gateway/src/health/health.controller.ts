import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HOST_LABEL_SERVICE, HealthPatterns, HealthReport, SERVICE_NAMES, ServiceName } from '@wp/contracts';
import { RpcClient } from '@wp/messaging';
import type { FastifyReply } from 'fastify';
import Redis from 'ioredis';
import { Public } from '../auth/auth.decorator';
import { RawResponse } from '../core/response.decorators';
import type { GatewayRequest } from '../core/request';
import { REDIS } from '../core/tokens';

const HEALTH_TIMEOUT_MS = 2000;

const HEALTH_REPORT = {
  type: 'object',
  required: ['status', 'message', 'service', 'timestamp', 'checks'],
  properties: {
    status: { type: 'string', enum: ['success', 'error'] },
    message: { type: 'string', example: 'WalletPass gateway is healthy' },
    service: { type: 'string', example: 'gateway' },
    timestamp: { type: 'string', format: 'date-time' },
    checks: { type: 'object', additionalProperties: { type: 'string', enum: ['up', 'down'] }, example: { redis: 'up', 'member-data': 'up' } },
  },
};

@ApiTags('health')
@Controller()
export class HealthController {
  constructor(
    private readonly rpc: RpcClient,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  /**
   * The first Host label picks the service that answers (the seed's generate./member./
   * tenant./notification. base URLs); any other host gets the gateway's aggregate.
   */
  @Get('health')
  @Public()
  @RawResponse()
  @ApiOperation({ summary: 'Health of the gateway, or of one service chosen by the Host label', operationId: 'getHealth' })
  @ApiOkResponse({ description: 'Healthy', schema: HEALTH_REPORT })
  @ApiServiceUnavailableResponse({ description: 'Degraded: `checks` names what is down', schema: HEALTH_REPORT })
  async health(@Req() request: GatewayRequest, @Res() reply: FastifyReply): Promise<void> {
    const label = request.hostname.split(':')[0].split('.')[0].toLowerCase();
    const service = HOST_LABEL_SERVICE[label];
    const report = service ? await this.serviceHealth(service, request.id) : await this.aggregate(request.id);
    await reply.status(report.status === 'success' ? 200 : 503).send(report);
  }

  @Get('healthz')
  @Public()
  @RawResponse()
  @ApiExcludeEndpoint()
  async liveness(@Res() reply: FastifyReply): Promise<void> {
    await reply.send({ status: 'success' });
  }

  private async serviceHealth(service: ServiceName, requestId: string): Promise<HealthReport> {
    try {
      return await this.rpc.send(HealthPatterns[service], { requestId, actor: { kind: 'system', service: 'gateway' } }, {}, { timeoutMs: HEALTH_TIMEOUT_MS });
    } catch {
      return { status: 'error', message: `${service} is not answering`, service: `${service}-service`, timestamp: new Date().toISOString(), checks: { transport: 'down' } };
    }
  }

  private async aggregate(requestId: string) {
    const [redis, ...reports] = await Promise.all([
      this.redis.ping().then(() => 'up' as const, () => 'down' as const),
      ...SERVICE_NAMES.map((s) => this.serviceHealth(s, requestId)),
    ]);
    const services = Object.fromEntries(SERVICE_NAMES.map((s, i) => [s, reports[i].status === 'success' ? 'up' : 'down']));
    const healthy = redis === 'up' && reports.every((r) => r.status === 'success');
    return {
      status: healthy ? ('success' as const) : ('error' as const),
      message: healthy ? 'WalletPass gateway is healthy' : 'WalletPass gateway is degraded',
      service: 'gateway',
      timestamp: new Date().toISOString(),
      checks: { redis, ...services },
    };
  }
}
