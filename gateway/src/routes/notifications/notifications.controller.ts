import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { CallContext, NotificationPatterns, NotificationView, SendNotificationDto } from '@wp/contracts';
import { RpcClient } from '@wp/messaging';
import { Auth } from '../../auth/auth.decorator';
import { Ctx } from '../../auth/call-context.decorator';
import { ApiEnvelope } from '../../openapi/api-envelope.decorator';
import { ErrorEnvelope } from '../../openapi/error-envelope';

@ApiTags('notification: messages')
@Controller('v1/notifications')
export class NotificationsController {
  constructor(private readonly rpc: RpcClient) {}

  @Post()
  @Auth('tenant')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Show a message on a pass, or on every active pass of a member',
    description:
      'Apple: the pass gets a new version whose back field carries the message with a changeMessage, so Wallet shows it on the lock screen ' +
      'when the version arrives (every registered device is pushed). Google: the message is added to the object with TEXT_AND_NOTIFY. ' +
      'Google allows 3 notifying messages per pass per 24 hours: a message that would exceed it for any targeted Google pass is refused ' +
      'as a whole with 429 and Retry-After (the seconds until the oldest of the three is a day old), and no pass shows it.',
    operationId: 'sendNotification',
  })
  @ApiEnvelope(NotificationView, { status: 201 })
  @ApiNotFoundResponse({ description: 'No such pass or member for this tenant', type: ErrorEnvelope })
  @ApiUnprocessableEntityResponse({ description: 'The pass is voided, the member has no active pass, or Google Wallet is not configured', type: ErrorEnvelope })
  @ApiTooManyRequestsResponse({ description: "Google's 3 notifying messages per pass per 24 h are used up; see Retry-After", type: ErrorEnvelope })
  send(@Ctx() ctx: CallContext, @Body() body: SendNotificationDto) {
    return this.rpc.send(NotificationPatterns.send, ctx, body);
  }
}
