import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { CallContext, DemoPassQueryDto, PassPatterns } from '@wp/contracts';
import { RpcClient } from '@wp/messaging';
import type { FastifyReply } from 'fastify';
import { Public } from '../../auth/auth.decorator';
import { Ctx } from '../../auth/call-context.decorator';
import { RawResponse } from '../../core/response.decorators';
import { ErrorEnvelope } from '../../openapi/error-envelope';
import { PerAddressLimit } from '../../rate-limit/rate-limit.guard';
import { sendPassFile } from './pkpass-reply.writer';

@ApiTags('pass generation: demo')
@Controller('demo')
export class DemoController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @Public()
  @PerAddressLimit('DEMO_RATE_PER_MIN')
  @RawResponse()
  @ApiOperation({
    summary: 'A signed demo Apple Wallet pass, no key needed (rate-limited per client address)',
    description: 'Defaults: points 156, level Gold, memberId 12345678. Signed with the development certificate; it has no web service.',
    operationId: 'demoPass',
  })
  @ApiProduces('application/vnd.apple.pkpass')
  @ApiOkResponse({ description: 'The signed pass', content: { 'application/vnd.apple.pkpass': { schema: { type: 'string', format: 'binary' } } } })
  @ApiBadRequestResponse({ description: 'A query parameter is invalid', type: ErrorEnvelope })
  @ApiTooManyRequestsResponse({ description: 'Too many demo passes from this address; see Retry-After', type: ErrorEnvelope })
  async demo(@Ctx() ctx: CallContext, @Query() query: DemoPassQueryDto, @Res() reply: FastifyReply): Promise<void> {
    sendPassFile(reply, await this.rpc.send(PassPatterns.demo, ctx, query));
  }
}
