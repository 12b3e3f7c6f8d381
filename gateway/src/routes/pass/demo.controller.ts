import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CallContext, DemoPassQueryDto, PassPatterns } from '@wp/contracts';
import { RpcClient } from '@wp/messaging';
import type { FastifyReply } from 'fastify';
import { Public } from '../../auth/auth.decorator';
import { Ctx } from '../../auth/call-context.decorator';
import { RawResponse } from '../../core/response.decorators';
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
  async demo(@Ctx() ctx: CallContext, @Query() query: DemoPassQueryDto, @Res() reply: FastifyReply): Promise<void> {
    sendPassFile(reply, await this.rpc.send(PassPatterns.demo, ctx, query));
  }
}
