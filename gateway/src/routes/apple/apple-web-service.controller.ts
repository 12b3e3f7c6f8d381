import { Controller, Delete, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiCreatedResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiNotModifiedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { RouteConfig } from '@nestjs/platform-fastify';
import { AppleWebServicePatterns, CallContext } from '@wp/contracts';
import { RpcClient } from '@wp/messaging';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../../auth/auth.decorator';
import { Ctx } from '../../auth/call-context.decorator';
import { RawResponse } from '../../core/response.decorators';
import { PerAddressLimit } from '../../rate-limit/rate-limit.guard';
import { ErrorEnvelope } from '../../openapi/error-envelope';
import { passCredentialOf } from './pass-authorization.parser';

const REGISTRATION = 'devices/:deviceLibraryIdentifier/registrations/:passTypeIdentifier/:serialNumber';
const AUTHORIZATION = ApiHeader({
  name: 'Authorization',
  required: true,
  description: '`ApplePass <authenticationToken>` from pass.json (Android wallet apps send `AndroidPass <authenticationToken>`)',
});

/**
 * Anyone may post to /log, and what it posts ends up in the service log. pass-generation
 * keeps at most 50 entries of 1,000 characters of each body, so a body past 64 KiB is
 * refused unread (413), and each address may post APPLE_LOG_RATE_PER_MIN times a minute:
 * together a bound on how fast a stranger can grow the log.
 */
export const APPLE_LOG_BODY_LIMIT_BYTES = 64 * 1024;

const single = (value: string | string[] | undefined): string | null => (typeof value === 'string' ? value : null);

/**
 * Apple's PassKit web service at PUBLIC_BASE_URL/apple/v1, the
 * `webServiceURL` every pass carries. No API key: Wallet authenticates with the pass's own
 * token, which pass-generation checks; statuses and bodies are Apple's, not the envelope.
 */
@ApiTags('apple wallet web service')
@Controller('apple/v1')
export class AppleWebServiceController {
  constructor(private readonly rpc: RpcClient) {}

  @Post(REGISTRATION)
  @Public()
  @RawResponse()
  @AUTHORIZATION
  @ApiOperation({ summary: 'Wallet registers a device for update pushes of a pass', operationId: 'appleRegisterDevice' })
  @ApiBody({ schema: { type: 'object', required: ['pushToken'], properties: { pushToken: { type: 'string', description: 'APNs device token (hex)' } } } })
  @ApiCreatedResponse({ description: 'Registration successful' })
  @ApiOkResponse({ description: 'The device was already registered for this pass' })
  @ApiUnauthorizedResponse({ description: 'Request not authorized', type: ErrorEnvelope })
  async register(
    @Ctx() ctx: CallContext,
    @Param('deviceLibraryIdentifier') deviceLibraryIdentifier: string,
    @Param('passTypeIdentifier') passTypeIdentifier: string,
    @Param('serialNumber') serialNumber: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { created } = await this.rpc.send(AppleWebServicePatterns.register, ctx, {
      device_library_identifier: deviceLibraryIdentifier,
      pass_type_identifier: passTypeIdentifier,
      serial_number: serialNumber,
      credential: passCredentialOf(request.headers.authorization),
      body: request.body ?? null,
    });
    void reply.status(created ? 201 : 200).send();
  }

  @Delete(REGISTRATION)
  @Public()
  @RawResponse()
  @AUTHORIZATION
  @ApiOperation({ summary: 'Wallet unregisters a device from a pass', operationId: 'appleUnregisterDevice' })
  @ApiOkResponse({ description: 'Device unregistered' })
  @ApiUnauthorizedResponse({ description: 'Request not authorized', type: ErrorEnvelope })
  async unregister(
    @Ctx() ctx: CallContext,
    @Param('deviceLibraryIdentifier') deviceLibraryIdentifier: string,
    @Param('passTypeIdentifier') passTypeIdentifier: string,
    @Param('serialNumber') serialNumber: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.rpc.send(AppleWebServicePatterns.unregister, ctx, {
      device_library_identifier: deviceLibraryIdentifier,
      pass_type_identifier: passTypeIdentifier,
      serial_number: serialNumber,
      credential: passCredentialOf(request.headers.authorization),
    });
    void reply.status(200).send();
  }

  @Get('devices/:deviceLibraryIdentifier/registrations/:passTypeIdentifier')
  @Public()
  @RawResponse()
  @ApiOperation({
    summary: 'Serial numbers of the passes on a device that changed since a tag',
    description: 'No Authorization: the device library identifier is the shared secret. `lastUpdated` is the tag to send next time.',
    operationId: 'appleUpdatedSerials',
  })
  @ApiQuery({ name: 'passesUpdatedSince', required: false, description: 'The lastUpdated tag of the previous answer; omitted: all passes of the device' })
  @ApiOkResponse({
    description: 'Passes changed since the tag',
    schema: { type: 'object', properties: { serialNumbers: { type: 'array', items: { type: 'string' } }, lastUpdated: { type: 'string' } } },
  })
  @ApiNoContentResponse({ description: 'No matching passes (an unknown device included)' })
  async updatedSerials(
    @Ctx() ctx: CallContext,
    @Param('deviceLibraryIdentifier') deviceLibraryIdentifier: string,
    @Param('passTypeIdentifier') passTypeIdentifier: string,
    @Query('passesUpdatedSince') since: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const updated = await this.rpc.send(AppleWebServicePatterns.updatedSerials, ctx, {
      device_library_identifier: deviceLibraryIdentifier,
      pass_type_identifier: passTypeIdentifier,
      passes_updated_since: typeof since === 'string' ? since : null,
      // HEAD only looks: the device is not told anything.
      record: request.method === 'GET',
    });
    void reply.header('cache-control', 'no-store');
    if (updated.serial_numbers.length === 0) {
      void reply.status(204).send();
      return;
    }
    void reply
      .status(200)
      .header('content-type', 'application/json; charset=utf-8')
      .send(JSON.stringify({ serialNumbers: updated.serial_numbers, lastUpdated: updated.last_updated }));
  }

  @Get('passes/:passTypeIdentifier/:serialNumber')
  @Public()
  @RawResponse()
  @AUTHORIZATION
  @ApiOperation({
    summary: 'The latest version of a pass',
    description: 'Always carries Last-Modified (and an ETag per version); If-Modified-Since or If-None-Match answer 304 when the device has it. HEAD answers the same headers.',
    operationId: 'appleLatestPass',
  })
  @ApiHeader({ name: 'If-Modified-Since', required: false })
  @ApiHeader({ name: 'If-None-Match', required: false })
  @ApiProduces('application/vnd.apple.pkpass')
  @ApiOkResponse({ description: 'The signed pass', content: { 'application/vnd.apple.pkpass': { schema: { type: 'string', format: 'binary' } } } })
  @ApiNotModifiedResponse({ description: 'The device has the latest version' })
  @ApiUnauthorizedResponse({ description: 'Request not authorized (wrong token, or no such pass)', type: ErrorEnvelope })
  async latestPass(
    @Ctx() ctx: CallContext,
    @Param('passTypeIdentifier') passTypeIdentifier: string,
    @Param('serialNumber') serialNumber: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const latest = await this.rpc.send(AppleWebServicePatterns.latestPass, ctx, {
      pass_type_identifier: passTypeIdentifier,
      serial_number: serialNumber,
      credential: passCredentialOf(request.headers.authorization),
      if_modified_since: single(request.headers['if-modified-since']),
      if_none_match: single(request.headers['if-none-match']),
    });
    // The response depends on the Authorization header: private, and revalidated every time.
    void reply
      .header('last-modified', new Date(latest.last_modified).toUTCString())
      .header('etag', latest.etag)
      .header('cache-control', 'private, no-cache');
    if (latest.kind === 'not_modified') {
      void reply.status(304).send();
      return;
    }
    void reply
      .status(200)
      .header('content-type', latest.content_type)
      .header('content-disposition', `attachment; filename="${latest.filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`)
      .send(Buffer.from(latest.body_base64, 'base64'));
  }

  @Post('log')
  @Public()
  @PerAddressLimit('APPLE_LOG_RATE_PER_MIN')
  @RouteConfig({ bodyLimit: APPLE_LOG_BODY_LIMIT_BYTES })
  @RawResponse()
  @HttpCode(200)
  @ApiOperation({ summary: 'Wallet reports web-service problems (kept in the service log)', operationId: 'appleDeviceLog' })
  @ApiBody({ schema: { type: 'object', properties: { logs: { type: 'array', items: { type: 'string' } } } } })
  @ApiOkResponse({ description: 'Logged' })
  @ApiBadRequestResponse({ description: 'The body is not JSON', type: ErrorEnvelope })
  async log(@Ctx() ctx: CallContext, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.rpc.send(AppleWebServicePatterns.log, ctx, { body: request.body ?? null });
    void reply.status(200).send();
  }
}
