import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { CallContext, CreateEnrollmentFormDto, EnrollmentFormDeletedView, EnrollmentFormView, EnrollmentPatterns, PageQueryDto } from '@wp/contracts';
import { RpcClient } from '@wp/messaging';
import { Auth } from '../../auth/auth.decorator';
import { Ctx } from '../../auth/call-context.decorator';
import { Paginated } from '../../core/response.decorators';
import { UuidParam } from '../../core/uuid.pipe';
import { ApiEnvelope } from '../../openapi/api-envelope.decorator';
import { ErrorEnvelope } from '../../openapi/error-envelope';

@ApiTags('notification: enrollment')
@Controller('v1/enrollment-forms')
export class EnrollmentFormsController {
  constructor(private readonly rpc: RpcClient) {}

  @Post()
  @Auth('tenant')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Create a public sign-up form; its page is data.url (/e/{slug})',
    description:
      'The page asks for `fields` (each required), in the brand colours and logo of the style group (or the default style). ' +
      'A sign-up registers a member with a generated id (or reuses the member with the same e-mail or phone), makes the ' +
      '`pass_type` passes (channel `enrollment`) and leads to the Add to Wallet page. Rate-limited per client address.',
    operationId: 'createEnrollmentForm',
  })
  @ApiEnvelope(EnrollmentFormView, { status: 201 })
  @ApiNotFoundResponse({ description: 'style_group_id names no style group of this tenant', type: ErrorEnvelope })
  @ApiUnprocessableEntityResponse({ description: 'pass_type google or both without Google Wallet credentials', type: ErrorEnvelope })
  create(@Ctx() ctx: CallContext, @Body() body: CreateEnrollmentFormDto) {
    return this.rpc.send(EnrollmentPatterns.create, ctx, body);
  }

  @Get()
  @Auth('tenant')
  @Paginated()
  @ApiOperation({ summary: 'List enrollment forms, newest first', operationId: 'listEnrollmentForms' })
  @ApiEnvelope(EnrollmentFormView, { paginated: true })
  list(@Ctx() ctx: CallContext, @Query() query: PageQueryDto) {
    return this.rpc.send(EnrollmentPatterns.list, ctx, query);
  }

  @Get(':id')
  @Auth('tenant')
  @ApiOperation({ summary: 'Get an enrollment form', operationId: 'getEnrollmentForm' })
  @ApiEnvelope(EnrollmentFormView)
  @ApiNotFoundResponse({ description: 'No such enrollment form', type: ErrorEnvelope })
  get(@Ctx() ctx: CallContext, @Param('id', new UuidParam('Enrollment form')) id: string) {
    return this.rpc.send(EnrollmentPatterns.get, ctx, { id });
  }

  @Delete(':id')
  @Auth('tenant')
  @ApiOperation({ summary: 'Delete an enrollment form: its page answers 404 from now on; members and passes it made stay', operationId: 'deleteEnrollmentForm' })
  @ApiEnvelope(EnrollmentFormDeletedView)
  @ApiNotFoundResponse({ description: 'No such enrollment form', type: ErrorEnvelope })
  delete(@Ctx() ctx: CallContext, @Param('id', new UuidParam('Enrollment form')) id: string) {
    return this.rpc.send(EnrollmentPatterns.delete, ctx, { id });
  }
}
