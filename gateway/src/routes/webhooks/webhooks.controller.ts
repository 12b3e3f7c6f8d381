import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CallContext, CreateWebhookDto, PageQueryDto, WebhookCreated, WebhookDeletedView, WebhookDeliveryView, WebhookPatterns, WebhookView } from '@wp/contracts';
import { RpcClient } from '@wp/messaging';
import { Auth } from '../../auth/auth.decorator';
import { Ctx } from '../../auth/call-context.decorator';
import { Paginated } from '../../core/response.decorators';
import { UuidParam } from '../../core/uuid.pipe';
import { ApiEnvelope } from '../../openapi/api-envelope.decorator';
import { ErrorEnvelope } from '../../openapi/error-envelope';

@ApiTags('notification: webhooks')
@Controller('v1/webhooks')
export class WebhooksController {
  constructor(private readonly rpc: RpcClient) {}

  @Post()
  @Auth('tenant')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Register a webhook endpoint; returns its whsec_ signing secret (shown once)',
    description:
      'Deliveries follow Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature). URLs on loopback, private, ' +
      'link-local (incl. 169.254.169.254), CGNAT or unspecified addresses, and non-http(s) schemes, are refused with a 400 on `url`.',
    operationId: 'createWebhook',
  })
  @ApiEnvelope(WebhookCreated, { status: 201 })
  create(@Ctx() ctx: CallContext, @Body() body: CreateWebhookDto) {
    return this.rpc.send(WebhookPatterns.create, ctx, body);
  }

  @Get()
  @Auth('tenant')
  @Paginated()
  @ApiOperation({ summary: 'List webhook endpoints (never their secrets)', operationId: 'listWebhooks' })
  @ApiEnvelope(WebhookView, { paginated: true })
  list(@Ctx() ctx: CallContext, @Query() query: PageQueryDto) {
    return this.rpc.send(WebhookPatterns.list, ctx, query);
  }

  @Get(':id')
  @Auth('tenant')
  @ApiOperation({ summary: 'Get a webhook endpoint', operationId: 'getWebhook' })
  @ApiEnvelope(WebhookView)
  @ApiNotFoundResponse({ description: 'No such webhook', type: ErrorEnvelope })
  get(@Ctx() ctx: CallContext, @Param('id', new UuidParam('Webhook')) id: string) {
    return this.rpc.send(WebhookPatterns.get, ctx, { id });
  }

  @Delete(':id')
  @Auth('tenant')
  @ApiOperation({ summary: 'Delete a webhook endpoint; queued deliveries to it are dropped', operationId: 'deleteWebhook' })
  @ApiEnvelope(WebhookDeletedView)
  @ApiNotFoundResponse({ description: 'No such webhook', type: ErrorEnvelope })
  delete(@Ctx() ctx: CallContext, @Param('id', new UuidParam('Webhook')) id: string) {
    return this.rpc.send(WebhookPatterns.delete, ctx, { id });
  }

  @Get(':id/deliveries')
  @Auth('tenant')
  @Paginated()
  @ApiOperation({ summary: 'Every delivery attempt to the endpoint, newest first', operationId: 'listWebhookDeliveries' })
  @ApiEnvelope(WebhookDeliveryView, { paginated: true })
  @ApiNotFoundResponse({ description: 'No such webhook', type: ErrorEnvelope })
  deliveries(@Ctx() ctx: CallContext, @Param('id', new UuidParam('Webhook')) id: string, @Query() query: PageQueryDto) {
    return this.rpc.send(WebhookPatterns.listDeliveries, ctx, { id, ...query });
  }

  @Post(':id/test')
  @Auth('tenant')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Send a signed webhook.test event now; answers with the attempt (status, outcome), never the receiver\u2019s body',
    operationId: 'testWebhook',
  })
  @ApiEnvelope(WebhookDeliveryView)
  @ApiNotFoundResponse({ description: 'No such webhook', type: ErrorEnvelope })
  test(@Ctx() ctx: CallContext, @Param('id', new UuidParam('Webhook')) id: string) {
    return this.rpc.send(WebhookPatterns.test, ctx, { id });
  }
}
