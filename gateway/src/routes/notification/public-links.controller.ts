import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiFoundResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { CallContext, DistributionPatterns, PageVisitSource } from '@wp/contracts';
import { RpcClient } from '@wp/messaging';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../../auth/auth.decorator';
import { Ctx } from '../../auth/call-context.decorator';
import { RawResponse } from '../../core/response.decorators';
import { ErrorEnvelope } from '../../openapi/error-envelope';
import { PerAddressLimit } from '../../rate-limit/rate-limit.guard';
import { writeWebReply } from './web-reply.writer';

const sourceOf = (via: unknown): PageVisitSource => (via === 'sms' || via === 'email' || via === 'enrollment' ? via : 'page');

/**
 * The links SMS recipients tap: no API key, the code or token is the credential, so every
 * route is limited per client address (LINK_RATE_PER_MIN) and cannot be enumerated.
 */
@ApiTags('notification: distribution')
@Controller()
export class PublicLinksController {
  constructor(private readonly rpc: RpcClient) {}

  @Get('s/:code')
  @Public()
  @RawResponse()
  @PerAddressLimit('LINK_RATE_PER_MIN')
  @ApiOperation({ summary: 'Follow an SMS short link (302 to the hosted Add to Wallet page; every follow is counted)', operationId: 'followShortLink' })
  @ApiFoundResponse({ description: 'Redirect to /p/{token}' })
  @ApiNotFoundResponse({ description: 'Unknown link: a friendly HTML page' })
  @ApiTooManyRequestsResponse({ description: 'Too many requests from this address; see Retry-After', type: ErrorEnvelope })
  async follow(@Ctx() ctx: CallContext, @Param('code') code: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    // HEAD is how link previews probe; only a GET is someone following the link.
    writeWebReply(reply, await this.rpc.send(DistributionPatterns.followShortLink, ctx, { code, count: request.method === 'GET' }));
  }

  @Get('p/:token')
  @Public()
  @RawResponse()
  @PerAddressLimit('LINK_RATE_PER_MIN')
  @ApiOperation({
    summary: 'The hosted Add to Wallet page: Apple button on iOS/macOS Safari, Google on Android, both plus a QR code elsewhere',
    operationId: 'hostedPassPage',
  })
  @ApiProduces('text/html')
  @ApiQuery({ name: 'via', required: false, enum: ['sms', 'email', 'enrollment'], description: 'Set by the short link (of an SMS or an e-mail) or the enrollment form; attributes installs to it' })
  @ApiOkResponse({ description: 'The page (HTML)' })
  @ApiNotFoundResponse({ description: 'Unknown page: a friendly HTML page' })
  @ApiTooManyRequestsResponse({ description: 'Too many requests from this address; see Retry-After', type: ErrorEnvelope })
  async page(@Ctx() ctx: CallContext, @Param('token') token: string, @Query('via') via: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const userAgent = request.headers['user-agent'] ?? null;
    writeWebReply(reply, await this.rpc.send(DistributionPatterns.hostedPage, ctx, { token, user_agent: userAgent, source: sourceOf(via) }));
  }

  @Get('p/:token/pass.pkpass')
  @Public()
  @RawResponse()
  @PerAddressLimit('LINK_RATE_PER_MIN')
  @ApiOperation({ summary: "The page's signed Apple Wallet pass (no API key: the page token is the credential)", operationId: 'hostedPassPkpass' })
  @ApiProduces('application/vnd.apple.pkpass')
  @ApiQuery({ name: 'via', required: false, enum: ['sms', 'email', 'enrollment'], description: 'Set by the short link (of an SMS or an e-mail) or the enrollment form; attributes the install to it' })
  @ApiOkResponse({ description: 'application/vnd.apple.pkpass with a filename' })
  @ApiNotFoundResponse({ description: 'Unknown page: a friendly HTML page' })
  @ApiTooManyRequestsResponse({ description: 'Too many requests from this address; see Retry-After', type: ErrorEnvelope })
  async pkpass(@Ctx() ctx: CallContext, @Param('token') token: string, @Query('via') via: unknown, @Res() reply: FastifyReply): Promise<void> {
    writeWebReply(reply, await this.rpc.send(DistributionPatterns.hostedPagePkpass, ctx, { token, source: sourceOf(via) }));
  }
}
