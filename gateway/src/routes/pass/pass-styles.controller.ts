import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
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
    summary: 'Create a pass style: colours, assets, barcode, fields with placeholders, relevance, translations, NFC',
    description:
      'Assets named but not uploaded yet fall back to the built-in images and are listed in `warnings`. ' +
      '`locations`, `max_distance`, `relevant_date` and `beacons` make Wallet show the pass on the lock screen where and when it is relevant; ' +
      '`localizations` become one <language>.lproj/pass.strings per language in the signed bundle (Google: translatedValues); `nfc` needs the tenant\'s nfc_enabled.',
    operationId: 'createPassStyle',
  })
  @ApiEnvelope(PassStyleView, { status: 201 })
  @ApiUnprocessableEntityResponse({ description: "`nfc` was given while the tenant's nfc_enabled is off (Apple grants NFC per certificate)", type: ErrorEnvelope })
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
  @ApiOperation({
    summary: 'Replace a pass style; every pass showing it gets a new version',
    description: 'Any change (colours, fields, locations, dates, translations) makes a new version of every pass showing the style, pushed to the devices that hold it.',
    operationId: 'updatePassStyle',
  })
  @ApiEnvelope(PassStyleView)
  @ApiNotFoundResponse({ description: 'No such pass style', type: ErrorEnvelope })
  @ApiUnprocessableEntityResponse({ description: "`nfc` was given while the tenant's nfc_enabled is off", type: ErrorEnvelope })
  @ApiConflictResponse({ description: '`kind` changed while passes show the style (a pass cannot change kind in a wallet)', type: ErrorEnvelope })
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
