import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CallContext, CreateScannerDto, PageQueryDto, RevokedScannerView, ScannerCreated, ScannerPatterns, ScannerView } from '@wp/contracts';
import { RpcClient } from '@wp/messaging';
import { Auth } from '../../auth/auth.decorator';
import { Ctx } from '../../auth/call-context.decorator';
import { Paginated } from '../../core/response.decorators';
import { UuidParam } from '../../core/uuid.pipe';
import { ApiEnvelope } from '../../openapi/api-envelope.decorator';
import { ErrorEnvelope } from '../../openapi/error-envelope';

/** A tenant's till scanners; tenant-management keeps their token hashes beside the API keys'. */
@ApiTags('scanning')
@Controller('v1/scanners')
export class ScannersController {
  constructor(private readonly rpc: RpcClient) {}

  @Post()
  @Auth('tenant')
  @HttpCode(201)
  @ApiOperation({ summary: 'Register a till scanner; its sc_ token is shown once and opens only the /v1/scan routes', operationId: 'createScanner' })
  @ApiEnvelope(ScannerCreated, { status: 201 })
  create(@Ctx() ctx: CallContext, @Body() body: CreateScannerDto) {
    return this.rpc.send(ScannerPatterns.create, ctx, body);
  }

  @Get()
  @Auth('tenant')
  @Paginated()
  @ApiOperation({ summary: 'List the scanners (never their tokens), newest first', operationId: 'listScanners' })
  @ApiEnvelope(ScannerView, { paginated: true })
  list(@Ctx() ctx: CallContext, @Query() query: PageQueryDto) {
    return this.rpc.send(ScannerPatterns.list, ctx, query);
  }

  @Delete(':id')
  @Auth('tenant')
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOperation({ summary: "Revoke a scanner: its token is refused from now on, on every gateway replica", operationId: 'revokeScanner' })
  @ApiEnvelope(RevokedScannerView)
  @ApiNotFoundResponse({ description: 'No such scanner (revoking one again answers 200 with its revoked_at)', type: ErrorEnvelope })
  revoke(@Ctx() ctx: CallContext, @Param('id', new UuidParam('Scanner')) id: string) {
    return this.rpc.send(ScannerPatterns.revoke, ctx, { id });
  }
}
