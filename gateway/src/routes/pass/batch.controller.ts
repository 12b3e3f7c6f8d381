import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiExtraModels, ApiNotFoundResponse, ApiOperation, ApiPayloadTooLargeResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { BATCH_OPERATION_MODELS, BatchPatterns, BatchSubmittedView, BatchSummaryView, BatchView, CallContext, PageQueryDto, SubmitBatchDto } from '@wp/contracts';
import { RpcClient } from '@wp/messaging';
import { Auth } from '../../auth/auth.decorator';
import { Ctx } from '../../auth/call-context.decorator';
import { Paginated, SuccessMessage } from '../../core/response.decorators';
import { UuidParam } from '../../core/uuid.pipe';
import { ApiEnvelope } from '../../openapi/api-envelope.decorator';
import { ErrorEnvelope } from '../../openapi/error-envelope';
import { BATCH_BODY_LIMIT_BYTES } from './route-body-limit';

/** Writing 10,000 operations is one insert, but well above an ordinary request's deadline. */
const SUBMIT_TIMEOUT_MS = 30_000;

@ApiTags('pass generation: batch')
@Controller('v1/batch')
export class BatchController {
  constructor(private readonly rpc: RpcClient) {}

  @Post()
  @Auth('tenant')
  @HttpCode(202)
  @RouteConfig({ bodyLimit: BATCH_BODY_LIMIT_BYTES })
  @SuccessMessage('Batch accepted')
  @ApiOperation({
    summary: 'Create, update or void up to 10,000 passes in one batch, run in the background',
    description:
      'Every operation is validated before the batch is accepted: one malformed operation rejects the whole batch with a 400 naming `operations.<index>.<field>`. ' +
      'An accepted batch survives restarts and applies each operation exactly once. An operation that fails (an unknown member, a pass that does not exist) ' +
      'is reported in `errors` of GET /v1/batch/{batch_id}, and the batch still completes. Operations run in parallel and independently: ' +
      'two operations on one pass in one batch apply in no set order. The body may be up to 8 MiB. ' +
      '`update_pass` and `void_pass` take `tag` instead of `pass_id` to act on every live pass carrying the tag when the batch is submitted (one operation each).',
    operationId: 'submitBatch',
  })
  @ApiExtraModels(...BATCH_OPERATION_MODELS)
  @ApiEnvelope(BatchSubmittedView, { status: 202 })
  @ApiPayloadTooLargeResponse({ description: 'The body is larger than 8 MiB', type: ErrorEnvelope })
  @ApiUnprocessableEntityResponse({ description: 'A `tag` names no pass, or the tags name more than 10,000 passes', type: ErrorEnvelope })
  submit(@Ctx() ctx: CallContext, @Body() body: SubmitBatchDto) {
    return this.rpc.send(BatchPatterns.submit, ctx, body, { timeoutMs: SUBMIT_TIMEOUT_MS });
  }

  @Get(':batch_id')
  @Auth('tenant')
  @ApiOperation({ summary: "A batch's state, counts and the errors of its failed operations", operationId: 'getBatch' })
  @ApiEnvelope(BatchView)
  @ApiNotFoundResponse({ description: 'No such batch', type: ErrorEnvelope })
  get(@Ctx() ctx: CallContext, @Param('batch_id', new UuidParam('Batch')) batchId: string) {
    return this.rpc.send(BatchPatterns.get, ctx, { batch_id: batchId });
  }
}

/** The tenant's batches (submitted and CSV imports), so a client need not remember the ids it got. */
@ApiTags('pass generation: batch')
@Controller('v1/batches')
export class BatchListController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @Auth('tenant')
  @Paginated()
  @ApiOperation({
    summary: "List the tenant's batches, newest first, with their state and counts",
    description: 'Each batch as GET /v1/batch/{batch_id} shows it, without `errors` (read those from GET /v1/batch/{batch_id}).',
    operationId: 'listBatches',
  })
  @ApiEnvelope(BatchSummaryView, { paginated: true })
  list(@Ctx() ctx: CallContext, @Query() query: PageQueryDto) {
    return this.rpc.send(BatchPatterns.list, ctx, query);
  }
}
