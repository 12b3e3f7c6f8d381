import { Controller, Delete, Get, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import {
  ApiBody,
  ApiConsumes,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { AssetView, CallContext, DeletedView, DomainError, PageQueryDto, PassPatterns } from '@wp/contracts';
import { RpcClient } from '@wp/messaging';
import type { FastifyReply, FastifyRequest } from 'fastify';
import path from 'node:path';
import { Auth, Public } from '../../auth/auth.decorator';
import { Ctx } from '../../auth/call-context.decorator';
import { MULTIPART_ROUTE } from '../../core/body-parsing/multipart-routes';
import { Paginated, RawResponse } from '../../core/response.decorators';
import { CONFIG, GatewayConfig } from '../../core/tokens';
import { UuidParam } from '../../core/uuid.pipe';
import { ApiEnvelope } from '../../openapi/api-envelope.decorator';
import { ErrorEnvelope } from '../../openapi/error-envelope';
import { readUpload } from './asset-multipart';

@ApiTags('pass generation: assets')
@Controller('v1/assets')
export class AssetsController {
  constructor(
    private readonly rpc: RpcClient,
    @Inject(CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Post()
  @Auth('tenant')
  @RouteConfig(MULTIPART_ROUTE)
  @HttpCode(201)
  @ApiOperation({
    summary: 'Upload a PNG for pass styles to name (multipart field "file", at most 5 MiB)',
    description: 'The image is checked by its bytes; uploading a name again replaces the file, and passes showing it get a new version.',
    operationId: 'uploadAsset',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiEnvelope(AssetView, { status: 201 })
  @ApiPayloadTooLargeResponse({ description: 'The file is larger than 5 MiB', type: ErrorEnvelope })
  @ApiUnsupportedMediaTypeResponse({ description: 'Not multipart, or the file is not a PNG', type: ErrorEnvelope })
  async upload(@Ctx() ctx: CallContext, @Req() request: FastifyRequest) {
    if (!request.isMultipart()) throw new DomainError('unsupported_media_type', 'Send the image as multipart/form-data in a field named "file"');
    // Reading the whole file enforces the 5 MiB limit (413) before anything is forwarded.
    const upload = await readUpload(request, 'file', this.config.ASSET_BODY_LIMIT_BYTES);
    // Browsers may send a full client path ("C:\\fakepath\\logo.png"); only the name counts.
    const filename = path.win32.basename(upload.filename);
    const bytes = upload.bytes;
    return this.rpc.send(PassPatterns.uploadAsset, ctx, { filename, content_base64: bytes.toString('base64') });
  }

  @Get()
  @Auth('tenant')
  @Paginated()
  @ApiOperation({ summary: "List the tenant's assets", operationId: 'listAssets' })
  @ApiEnvelope(AssetView, { paginated: true })
  list(@Ctx() ctx: CallContext, @Query() query: PageQueryDto) {
    return this.rpc.send(PassPatterns.listAssets, ctx, query);
  }

  @Get('public/:file')
  @Public()
  @RawResponse()
  @ApiOperation({
    summary: 'An image by its SHA-256, without a key',
    description: "Google Wallet fetches a loyalty class's logo and hero image from here. Images are named by their content, so the URL never changes meaning and caches forever.",
    operationId: 'getPublicImage',
  })
  @ApiProduces('image/png')
  @ApiOkResponse({ description: 'The PNG', content: { 'image/png': { schema: { type: 'string', format: 'binary' } } } })
  @ApiNotFoundResponse({ description: 'No image with that hash', type: ErrorEnvelope })
  async publicImage(@Ctx() ctx: CallContext, @Param('file') file: string, @Res() reply: FastifyReply): Promise<void> {
    const match = /^([0-9a-f]{64})\.png$/.exec(file);
    if (!match) throw DomainError.notFound('Image');
    const image = await this.rpc.send(PassPatterns.publicImage, ctx, { sha256: match[1] });
    void reply
      .status(200)
      .header('content-type', image.content_type)
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('x-content-type-options', 'nosniff')
      .send(Buffer.from(image.body_base64, 'base64'));
  }

  @Get(':id')
  @Auth('tenant')
  @ApiOperation({ summary: 'Get an asset (metadata)', operationId: 'getAsset' })
  @ApiEnvelope(AssetView)
  @ApiNotFoundResponse({ description: 'No such asset', type: ErrorEnvelope })
  get(@Ctx() ctx: CallContext, @Param('id', new UuidParam('Asset')) id: string) {
    return this.rpc.send(PassPatterns.getAsset, ctx, { id });
  }

  @Delete(':id')
  @Auth('tenant')
  @ApiOperation({ summary: 'Delete an asset; styles naming it fall back to the built-in image', operationId: 'deleteAsset' })
  @ApiEnvelope(DeletedView)
  @ApiNotFoundResponse({ description: 'No such asset', type: ErrorEnvelope })
  delete(@Ctx() ctx: CallContext, @Param('id', new UuidParam('Asset')) id: string) {
    return this.rpc.send(PassPatterns.deleteAsset, ctx, { id });
  }
}
