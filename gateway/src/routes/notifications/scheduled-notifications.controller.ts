import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CallContext, CreateScheduledNotificationDto, ListScheduledNotificationsQueryDto, ScheduledNotificationPatterns, ScheduledNotificationView } from '@wp/contracts';
import { RpcClient } from '@wp/messaging';
import { Auth } from '../../auth/auth.decorator';
import { Ctx } from '../../auth/call-context.decorator';
import { Paginated } from '../../core/response.decorators';
import { UuidParam } from '../../core/uuid.pipe';
import { ApiEnvelope } from '../../openapi/api-envelope.decorator';
import { ErrorEnvelope } from '../../openapi/error-envelope';

@ApiTags('notification: messages')
@Controller('v1/notifications/scheduled')
export class ScheduledNotificationsController {
  constructor(private readonly rpc: RpcClient) {}

  @Post()
  @Auth('tenant')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Schedule a message to an audience (members, a tier, or everyone) at send_at',
    description:
      'At send_at (within a few seconds) each member of the audience gets the message on every active pass, as POST /v1/notifications ' +
      'shows it: Apple passes get a new version whose back field carries it with a changeMessage, pushed to their devices; Google passes ' +
      "get it with TEXT_AND_NOTIFY. Each member gets it once, whatever restarts or replicas. A tier or everyone is resolved when the message goes out. " +
      "A Google pass that has had Google's 3 notifying messages in the last 24 hours is left out (its member is skipped when no other pass took it). " +
      '`state` goes scheduled → sending → sent, and `counts` tell how many members were sent to, failed or skipped.',
    operationId: 'scheduleNotification',
  })
  @ApiEnvelope(ScheduledNotificationView, { status: 201 })
  @ApiBadRequestResponse({ description: 'A field is invalid: send_at in the past or more than a year ahead, not one audience selector, an unknown tier', type: ErrorEnvelope })
  create(@Ctx() ctx: CallContext, @Body() body: CreateScheduledNotificationDto) {
    return this.rpc.send(ScheduledNotificationPatterns.create, ctx, body);
  }

  @Get()
  @Auth('tenant')
  @Paginated()
  @ApiOperation({ summary: 'List scheduled notifications, newest first', operationId: 'listScheduledNotifications' })
  @ApiEnvelope(ScheduledNotificationView, { paginated: true })
  list(@Ctx() ctx: CallContext, @Query() query: ListScheduledNotificationsQueryDto) {
    return this.rpc.send(ScheduledNotificationPatterns.list, ctx, query);
  }

  @Get(':id')
  @Auth('tenant')
  @ApiOperation({ summary: 'Get a scheduled notification, with its state and counts', operationId: 'getScheduledNotification' })
  @ApiEnvelope(ScheduledNotificationView)
  @ApiNotFoundResponse({ description: 'No such scheduled notification', type: ErrorEnvelope })
  get(@Ctx() ctx: CallContext, @Param('id', new UuidParam('Scheduled notification')) id: string) {
    return this.rpc.send(ScheduledNotificationPatterns.get, ctx, { id });
  }

  @Delete(':id')
  @Auth('tenant')
  @ApiOperation({ summary: 'Cancel a scheduled notification that has not started sending (cancelling it again answers the same)', operationId: 'cancelScheduledNotification' })
  @ApiEnvelope(ScheduledNotificationView)
  @ApiNotFoundResponse({ description: 'No such scheduled notification', type: ErrorEnvelope })
  @ApiConflictResponse({ description: 'It is being sent or has been sent', type: ErrorEnvelope })
  cancel(@Ctx() ctx: CallContext, @Param('id', new UuidParam('Scheduled notification')) id: string) {
    return this.rpc.send(ScheduledNotificationPatterns.cancel, ctx, { id });
  }
}
