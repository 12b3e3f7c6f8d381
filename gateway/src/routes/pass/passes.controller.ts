import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiFoundResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CallContext, CreatePassBundleDto, CreatePassFromMemberDto, DeletedView, ListPassesQueryDto, PassPatterns, PassTraceEntryView, PassTraceQueryDto, PassView, UpdatePassDto } from '@wp/contracts';
import { RpcClient } from '@wp/messaging';
import type { FastifyReply } from 'fastify';
import { Auth } from '../../auth/auth.decorator';
import { Ctx } from '../../auth/call-context.decorator';
import { Paginated, RawResponse, SuccessMessage, WithMessage } from '../../core/response.decorators';
import { UuidParam } from '../../core/uuid.pipe';
import { ApiEnvelope } from '../../openapi/api-envelope.decorator';
import { ErrorEnvelope } from '../../openapi/error-envelope';
import { sendPassDownload, sendPassFile } from './pkpass-reply.writer';

const DEVELOPMENT_SIGNED =
  'Pass created, signed with the platform development certificate: Apple Wallet will not add it. Store your Pass Type ID certificate with PUT /v1/tenant/apple for passes phones accept.';

@ApiTags('pass generation: passes')
@Controller('v1/passes')
export class PassesController {
  constructor(private readonly rpc: RpcClient) {}

  @Post('create-from-member')
  @Auth('tenant')
  @HttpCode(201)
  @SuccessMessage('Pass created successfully')
  @ApiOperation({
    summary: "Create an Apple or Google pass from a member's data",
    description:
      'Apple: download_url serves the signed .pkpass; `signing` says whether it was signed with your certificate (production) or the platform development one. Google: pass_url is the Save to Google Wallet link.',
    operationId: 'createPassFromMember',
  })
  @ApiEnvelope(PassView, { status: 201 })
  @ApiNotFoundResponse({ description: 'No such member, pass style or style group', type: ErrorEnvelope })
  @ApiUnprocessableEntityResponse({
    description: "Google Wallet is not configured for the tenant, the Apple certificate has expired, or `nfc` was given while the tenant's nfc_enabled is off",
    type: ErrorEnvelope,
  })
  async create(@Ctx() ctx: CallContext, @Body() body: CreatePassFromMemberDto) {
    const pass = await this.rpc.send(PassPatterns.createFromMember, ctx, body);
    // Said where a newcomer looks first: the pass opens, but no iPhone will add it.
    if (pass.signing === 'development') return new WithMessage(pass, DEVELOPMENT_SIGNED);
    return pass;
  }

  @Post('bundle')
  @Auth('tenant')
  @HttpCode(200)
  @RawResponse()
  @ApiOperation({
    summary: 'Several Apple passes as one .pkpasses file (Wallet offers to add them together)',
    description:
      'A zip of the signed .pkpass of each pass (its current version), each valid on its own, in the order asked. iOS 15 and later open it as one "Add All" sheet. ' +
      'Changes nothing, so a retry simply runs again (an Idempotency-Key is not recorded for it).',
    operationId: 'bundlePasses',
  })
  @ApiProduces('application/vnd.apple.pkpasses')
  @ApiOkResponse({ description: 'The .pkpasses file', content: { 'application/vnd.apple.pkpasses': { schema: { type: 'string', format: 'binary' } } } })
  @ApiBadRequestResponse({ description: 'Validation failed, or a pass is a Google pass (named in `errors` as pass_ids.<index>)', type: ErrorEnvelope })
  @ApiNotFoundResponse({ description: 'A pass id is unknown or belongs to another tenant (named in the message and in `errors` as pass_ids.<index>)', type: ErrorEnvelope })
  @ApiUnprocessableEntityResponse({ description: "The Apple certificate a pass was issued under is missing or expired", type: ErrorEnvelope })
  async bundle(@Ctx() ctx: CallContext, @Body() body: CreatePassBundleDto, @Res() reply: FastifyReply): Promise<void> {
    sendPassFile(reply, await this.rpc.send(PassPatterns.bundle, ctx, body));
  }

  @Get()
  @Auth('tenant')
  @Paginated()
  @ApiOperation({
    summary: 'List passes, newest first (filters: member_id, status, pass_type, tag, email, code)',
    description: "`email` finds the passes of the tenant's members with that e-mail (case-insensitive); `code` the passes whose serial number or barcode message (what a scanner reads) is the code. Filters combine.",
    operationId: 'listPasses',
  })
  @ApiEnvelope(PassView, { paginated: true })
  list(@Ctx() ctx: CallContext, @Query() query: ListPassesQueryDto) {
    return this.rpc.send(PassPatterns.list, ctx, query);
  }

  @Get(':pass_id')
  @Auth('tenant')
  @ApiOperation({ summary: 'Get a pass', operationId: 'getPass' })
  @ApiEnvelope(PassView)
  @ApiNotFoundResponse({ description: 'No such pass', type: ErrorEnvelope })
  get(@Ctx() ctx: CallContext, @Param('pass_id', new UuidParam('Pass')) passId: string) {
    return this.rpc.send(PassPatterns.get, ctx, { pass_id: passId });
  }

  @Get(':pass_id/trace')
  @Auth('tenant')
  @ApiOperation({
    summary: "The pass's update trace, newest first: versions and their cause, APNs pushes, registrations, device fetches, Google patches, device log lines",
    description: 'Answers "why did my pass not update?" without reading logs. Steps are kept 30 days.',
    operationId: 'getPassTrace',
  })
  @ApiEnvelope(PassTraceEntryView, { array: true })
  @ApiNotFoundResponse({ description: 'No such pass', type: ErrorEnvelope })
  trace(@Ctx() ctx: CallContext, @Param('pass_id', new UuidParam('Pass')) passId: string, @Query() query: PassTraceQueryDto) {
    return this.rpc.send(PassPatterns.trace, ctx, { pass_id: passId, limit: query.limit });
  }

  @Patch(':pass_id')
  @Auth('tenant')
  @ApiOperation({
    summary: 'Set the status (active, blocked, expired, redeemed), expiration date and/or tags',
    description:
      'Each status or expiry change is a new pass version: Apple shows blocked and redeemed passes as voided and expired ones with an expirationDate; Google gets the matching object state. ' +
      '`tags` replaces the list and makes no new version (tags are never shown on the pass).',
    operationId: 'updatePass',
  })
  @ApiEnvelope(PassView)
  @ApiNotFoundResponse({ description: 'No such pass', type: ErrorEnvelope })
  @ApiConflictResponse({ description: 'The pass is voided', type: ErrorEnvelope })
  update(@Ctx() ctx: CallContext, @Param('pass_id', new UuidParam('Pass')) passId: string, @Body() body: UpdatePassDto) {
    return this.rpc.send(PassPatterns.update, ctx, { pass_id: passId, ...body });
  }

  @Post(':pass_id/void')
  @Auth('tenant')
  @HttpCode(200)
  @ApiOperation({ summary: 'Void the pass (final): wallets show it as no longer valid', operationId: 'voidPass' })
  @ApiEnvelope(PassView)
  @ApiNotFoundResponse({ description: 'No such pass', type: ErrorEnvelope })
  void(@Ctx() ctx: CallContext, @Param('pass_id', new UuidParam('Pass')) passId: string) {
    return this.rpc.send(PassPatterns.void, ctx, { pass_id: passId });
  }

  @Delete(':pass_id')
  @Auth('tenant')
  @ApiOperation({ summary: 'Delete the pass: it is voided in the wallets that hold it and leaves the API', operationId: 'deletePass' })
  @ApiEnvelope(DeletedView)
  @ApiNotFoundResponse({ description: 'No such pass', type: ErrorEnvelope })
  delete(@Ctx() ctx: CallContext, @Param('pass_id', new UuidParam('Pass')) passId: string) {
    return this.rpc.send(PassPatterns.delete, ctx, { pass_id: passId });
  }

  @Get(':pass_id/download')
  @Auth('tenant')
  @RawResponse()
  @ApiOperation({ summary: 'Apple: the signed .pkpass; Google: a redirect to the save link', operationId: 'downloadPass' })
  @ApiProduces('application/vnd.apple.pkpass')
  @ApiOkResponse({ description: 'The signed pass (Apple)', content: { 'application/vnd.apple.pkpass': { schema: { type: 'string', format: 'binary' } } } })
  @ApiFoundResponse({ description: 'Location: https://pay.google.com/gp/v/save/{jwt} (Google)' })
  @ApiNotFoundResponse({ description: 'No such pass', type: ErrorEnvelope })
  @ApiUnprocessableEntityResponse({ description: 'Google Wallet is not configured for the tenant', type: ErrorEnvelope })
  async download(@Ctx() ctx: CallContext, @Param('pass_id', new UuidParam('Pass')) passId: string, @Res() reply: FastifyReply): Promise<void> {
    sendPassDownload(reply, await this.rpc.send(PassPatterns.download, ctx, { pass_id: passId }));
  }
}
