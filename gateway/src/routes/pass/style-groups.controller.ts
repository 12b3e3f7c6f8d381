import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CallContext, DeletedView, PageQueryDto, PassPatterns, StyleGroupDto, StyleGroupView } from '@wp/contracts';
import { RpcClient } from '@wp/messaging';
import { Auth } from '../../auth/auth.decorator';
import { Ctx } from '../../auth/call-context.decorator';
import { Paginated } from '../../core/response.decorators';
import { UuidParam } from '../../core/uuid.pipe';
import { ApiEnvelope } from '../../openapi/api-envelope.decorator';
import { ErrorEnvelope } from '../../openapi/error-envelope';

@ApiTags('pass generation: style groups')
@Controller('v1/style-groups')
export class StyleGroupsController {
  constructor(private readonly rpc: RpcClient) {}

  @Post()
  @Auth('tenant')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Create a style group: rules pick a pass style by points',
    description: 'Ranges are inclusive; `max_points: 0` means no upper bound; overlapping ranges are a 400.',
    operationId: 'createStyleGroup',
  })
  @ApiEnvelope(StyleGroupView, { status: 201 })
  create(@Ctx() ctx: CallContext, @Body() body: StyleGroupDto) {
    return this.rpc.send(PassPatterns.createStyleGroup, ctx, body);
  }

  @Get()
  @Auth('tenant')
  @Paginated()
  @ApiOperation({ summary: "List the tenant's style groups", operationId: 'listStyleGroups' })
  @ApiEnvelope(StyleGroupView, { paginated: true })
  list(@Ctx() ctx: CallContext, @Query() query: PageQueryDto) {
    return this.rpc.send(PassPatterns.listStyleGroups, ctx, query);
  }

  @Get(':id')
  @Auth('tenant')
  @ApiOperation({ summary: 'Get a style group', operationId: 'getStyleGroup' })
  @ApiEnvelope(StyleGroupView)
  @ApiNotFoundResponse({ description: 'No such style group', type: ErrorEnvelope })
  get(@Ctx() ctx: CallContext, @Param('id', new UuidParam('Style group')) id: string) {
    return this.rpc.send(PassPatterns.getStyleGroup, ctx, { id });
  }

  @Put(':id')
  @Auth('tenant')
  @ApiOperation({ summary: 'Replace a style group; passes whose style changes get a new version', operationId: 'updateStyleGroup' })
  @ApiEnvelope(StyleGroupView)
  @ApiNotFoundResponse({ description: 'No such style group', type: ErrorEnvelope })
  update(@Ctx() ctx: CallContext, @Param('id', new UuidParam('Style group')) id: string, @Body() body: StyleGroupDto) {
    return this.rpc.send(PassPatterns.updateStyleGroup, ctx, { id, ...body });
  }

  @Delete(':id')
  @Auth('tenant')
  @ApiOperation({ summary: 'Delete a style group', operationId: 'deleteStyleGroup' })
  @ApiEnvelope(DeletedView)
  @ApiNotFoundResponse({ description: 'No such style group', type: ErrorEnvelope })
  delete(@Ctx() ctx: CallContext, @Param('id', new UuidParam('Style group')) id: string) {
    return this.rpc.send(PassPatterns.deleteStyleGroup, ctx, { id });
  }
}
