import { Controller, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiConsumes, ApiForbiddenResponse, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CallContext, DistributionPatterns } from '@wp/contracts';
import { RpcClient } from '@wp/messaging';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../../auth/auth.decorator';
import { Ctx } from '../../auth/call-context.decorator';
import { RawResponse } from '../../core/response.decorators';
import { CONFIG, GatewayConfig } from '../../core/tokens';
import { ErrorEnvelope } from '../../openapi/error-envelope';

type FormParams = Record<string, string | string[]>;

/** The form body as twilio-form.parser.ts left it; anything else (a JSON body) signs nothing. */
function formParams(body: unknown): FormParams {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return {};
  return Object.fromEntries(
    Object.entries(body as Record<string, unknown>).filter(([, v]) => typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string'))),
  ) as FormParams;
}

@ApiTags('notification: distribution')
@Controller('v1/twilio')
export class TwilioStatusController {
  constructor(
    private readonly rpc: RpcClient,
    @Inject(CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Post('status')
  @Public()
  @RawResponse()
  @HttpCode(204)
  @ApiOperation({
    summary: "Twilio's message status callback (X-Twilio-Signature checked)",
    description: 'Set as StatusCallback on every message this server sends. Moves the message to sent, delivered, undelivered or failed and emits sms.* events.',
    operationId: 'twilioStatusCallback',
  })
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiNoContentResponse({ description: 'Accepted' })
  @ApiForbiddenResponse({ description: 'Missing or invalid X-Twilio-Signature', type: ErrorEnvelope })
  async status(@Ctx() ctx: CallContext, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const signature = request.headers['x-twilio-signature'];
    await this.rpc.send(DistributionPatterns.twilioStatus, ctx, {
      signature: typeof signature === 'string' ? signature : undefined,
      // Twilio signs the URL it called, which behind a proxy is the public one, not ours.
      url: `${this.config.PUBLIC_BASE_URL}${request.url}`,
      params: formParams(request.body),
    });
    void reply.status(204).send();
  }
}
