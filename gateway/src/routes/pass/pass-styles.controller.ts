import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CallContext, DeletedView, PageQueryDto, PassPatterns, PassStyleDto, PassStyleView } from '@wp/contracts';
import { RpcClient } from '@wp/messaging';
import { Auth } from '../../auth/auth.decorator';
import { Ctx } from '../../auth/call-context.decorator';
import { Paginated } from '../../core/response.decorators';
import { UuidParam } from '../../core/uuid.pipe';
import { ApiEnvelope } from '../../openapi/api-envelope.decorator';
import { ErrorEnvelope } from '../../openapi/error-envelope';

@ApiTags('pass generation: pass styles')
@Controller('v1/pass-styles')
export class PassStylesController {
  constructor(private readonly rpc: RpcClient) {}

  @Post()
  @Auth('tenant')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Create a pass style: colours, assets, barcode, fields with placeholders',
    description: 'Assets named but not uploaded yet fall back to the built-in images and are listed in `warnings`.',
    operationId: 'createPassStyle',
  })
  @ApiEnvelope(PassStyleView, { status: 201 })
  create(@Ctx() ctx: CallContext, @Body() body: PassStyleDto) {
    return this.rpc.send(PassPatterns.createStyle, ctx, body);
  }

  @Get()
  @Auth('tenant')
  @Paginated()
  @ApiOperation({ summary: "List the tenant's pass styles", operationId: 'listPassStyles' })
  @ApiEnvelope(PassStyleView, { paginated: true })
  list(@Ctx() ctx: CallContext, @Query() query: PageQueryDto) {
    return this.rpc.send(PassPatterns.listStyles, ctx, query);
  }

  @Get(':id')
  @Auth('tenant')
  @ApiOperation({ summary: 'Get a pass style', operationId: 'getPassStyle' })
  @ApiEnvelope(PassStyleView)
  @ApiNotFoundResponse({ description: 'No such pass style', type: ErrorEnvelope })
  get(@Ctx() ctx: CallContext, @Param('id', new UuidParam('Pass style')) id: string) {
    return this.rpc.send(PassPatterns.getStyle, ctx, { id });
  }

  @Put(':id')
  @Auth('tenant')
  @ApiOperation({ summary: 'Replace a pass style; every pass showing it gets a new version', operationId: 'updatePassStyle' })
  @ApiEnvelope(PassStyleView)
  @ApiNotFoundResponse({ description: 'No such pass style', type: ErrorEnvelope })
  update(@Ctx() ctx: CallContext, @Param('id', new UuidParam('Pass style')) id: string, @Body() body: PassStyleDto) {
    return this.rpc.send(PassPatterns.updateStyle, ctx, { id, ...body });
  }

  @Delete(':id')
  @Auth('tenant')
  @ApiOperation({ summary: 'Delete a pass style; passes that showed it fall back to the next choice', operationId: 'deletePassStyle' })
  @ApiEnvelope(DeletedView)
  @ApiNotFoundResponse({ description: 'No such pass style', type: ErrorEnvelope })
  @ApiConflictResponse({ description: 'A style group still uses the style', type: ErrorEnvelope })
  delete(@Ctx() ctx: CallContext, @Param('id', new UuidParam('Pass style')) id: string) {
    return this.rpc.send(PassPatterns.deleteStyle, ctx, { id });
  }
}
