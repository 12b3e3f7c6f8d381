import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { CallContext, DistributionPatterns, SendPassEmailDto, SendPassEmailResult, SendPassSmsDto, SendPassSmsQueryDto, SendPassSmsResult, SmsMessageView, isDryRun } from '@wp/contracts';
import { RpcClient } from '@wp/messaging';
import { Auth } from '../../auth/auth.decorator';
import { Ctx } from '../../auth/call-context.decorator';
import { UuidParam } from '../../core/uuid.pipe';
import { ApiEnvelope } from '../../openapi/api-envelope.decorator';
import { ErrorEnvelope } from '../../openapi/error-envelope';

@ApiTags('notification: distribution')
@Controller('v1/distribution')
export class DistributionController {
  constructor(private readonly rpc: RpcClient) {}

  @Post('send-pass-sms')
  @Auth('tenant')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Text a member a short link to their pass',
    description:
      'Gives the pass (by pass_id, or the member\'s own pass by member_id, created when they have none) a hosted Add to Wallet page ' +
      'and a short link, composes a short branded message and queues it for Twilio. `dry_run=1` does everything but the send and ' +
      'returns the exact body. Numbers are E.164; a real send also needs a number libphonenumber calls possible. ' +
      'Each tenant may send SMS_DAILY_QUOTA messages per UTC day (429 with Retry-After beyond). Delivery is reported by Twilio ' +
      'status callbacks; see GET /v1/distribution/messages/{message_id}.',
    operationId: 'sendPassSms',
  })
  @ApiEnvelope(SendPassSmsResult, { status: 201 })
  @ApiNotFoundResponse({ description: 'No such pass or member for this tenant', type: ErrorEnvelope })
  @ApiUnprocessableEntityResponse({ description: 'The pass is no longer active, or SMS sending is not configured on this server', type: ErrorEnvelope })
  send(@Ctx() ctx: CallContext, @Body() body: SendPassSmsDto, @Query() query: SendPassSmsQueryDto) {
    return this.rpc.send(DistributionPatterns.sendPassSms, ctx, { ...body, dry_run: isDryRun(query) });
  }

  @Post('send-pass-email')
  @Auth('tenant')
  @HttpCode(201)
  @ApiOperation({
    summary: 'E-mail a member a link to their pass, with the .pkpass attached for Apple passes',
    description:
      "Gives the pass (by pass_id, or the member's own Apple pass by member_id, created when they have none) a hosted Add to Wallet page " +
      'behind a short link and e-mails it through the server\'s SMTP_URL; an Apple pass also goes as an attached, signed .pkpass. ' +
      'Installs through the link or the attachment count under channel `email` in insights. `dry_run=1` does everything but the send ' +
      'and returns the exact subject, text and attachment names. Every send is recorded and emits `email.sent` or `email.failed` ' +
      '(an SMTP refusal still answers 201, with status `failed` and the server\'s reason in `error`). Each tenant may send ' +
      'EMAIL_SEND_RATE_PER_MIN e-mails a minute (429 with Retry-After beyond).',
    operationId: 'sendPassEmail',
  })
  @ApiEnvelope(SendPassEmailResult, { status: 201 })
  @ApiNotFoundResponse({ description: 'No such pass or member for this tenant', type: ErrorEnvelope })
  @ApiUnprocessableEntityResponse({ description: 'The pass is no longer active, or e-mail sending is not configured on this server (no SMTP_URL)', type: ErrorEnvelope })
  sendEmail(@Ctx() ctx: CallContext, @Body() body: SendPassEmailDto, @Query() query: SendPassSmsQueryDto) {
    return this.rpc.send(DistributionPatterns.sendPassEmail, ctx, { ...body, dry_run: isDryRun(query) });
  }

  @Get('messages/:messageId')
  @Auth('tenant')
  @ApiOperation({ summary: 'A sent (or dry-run) SMS: its delivery status and how often its link was followed', operationId: 'getSmsMessage' })
  @ApiEnvelope(SmsMessageView)
  @ApiNotFoundResponse({ description: 'No such message for this tenant', type: ErrorEnvelope })
  getMessage(@Ctx() ctx: CallContext, @Param('messageId', new UuidParam('Message')) messageId: string) {
    return this.rpc.send(DistributionPatterns.getMessage, ctx, { message_id: messageId });
  }
}
