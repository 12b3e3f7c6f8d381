import { Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { BatchPatterns, BatchSubmittedView, CallContext, DomainError, EXPORT_COLUMNS, MAX_IMPORT_ROWS, MemberPatterns } from '@wp/contracts';
import { RpcClient } from '@wp/messaging';
import { stringify } from 'csv-stringify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { once } from 'node:events';
import { Auth } from '../../auth/auth.decorator';
import { Ctx } from '../../auth/call-context.decorator';
import { RawResponse, SuccessMessage } from '../../core/response.decorators';
import { ApiEnvelope } from '../../openapi/api-envelope.decorator';
import { ErrorEnvelope } from '../../openapi/error-envelope';
import { readImport } from './csv-import.reader';

/** Members per export page read from member-data. */
const EXPORT_PAGE = 1000;
/** Staging a chunk is one insert; generous for a loaded machine. */
const STAGE_TIMEOUT_MS = 30_000;

@ApiTags('member data: import and export')
@Controller('v1/members')
export class MemberTransferController {
  constructor(private readonly rpc: RpcClient) {}

  @Post('import')
  @Auth('tenant')
  @HttpCode(202)
  @SuccessMessage('Import accepted')
  @ApiOperation({
    summary: 'Register or update up to 100,000 members from a CSV file and set their points, in the background',
    description:
      'The body is CSV (`text/csv`, UTF-8, an optional BOM, LF or CRLF line ends, RFC 4180 quoting). The header row names the columns: ' +
      '`member_id` is required; `points` sets the balance (without the column balances are left as they are and new members start at 0); `member_name`, `member_email`, `phone_number` and `style_group_id` are optional and follow the rules of ' +
      'POST /v1/members/register; `tier`, `apple_passes` and `google_passes` (written by the export) are accepted and ignored. ' +
      'Each row registers the member or updates it (an empty cell clears that field; a column the file lacks leaves it as it is) and sets its balance to ' +
      '`points` with a ledgered `set` whose `transaction_reference` derives from the row, so importing the same file again changes nothing. ' +
      'The answer comes once the whole file is read; progress and every failed row, with its line number (the header is line 1), are at GET /v1/batch/{batch_id}. ' +
      'Bad rows never stop the others. A member listed twice is set by both rows, in file order within 1,000 rows of each other.',
    operationId: 'importMembers',
  })
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string', example: 'member_id,member_name,member_email,points\nMEMBER-001,John Doe,john@example.com,150\n' } })
  @ApiEnvelope(BatchSubmittedView, { status: 202 })
  @ApiBadRequestResponse({ description: 'An unknown or repeated column, or no member_id column in the header (each named in `errors`), or no header or rows', type: ErrorEnvelope })
  @ApiPayloadTooLargeResponse({ description: `More than ${MAX_IMPORT_ROWS.toLocaleString('en-US')} rows; nothing is imported`, type: ErrorEnvelope })
  @ApiUnsupportedMediaTypeResponse({ description: 'The body is not text/csv', type: ErrorEnvelope })
  async import(@Ctx() ctx: CallContext, @Req() request: FastifyRequest): Promise<BatchSubmittedView> {
    const body = request.body;
    // Fastify hands an empty body to no parser at all.
    if (body === undefined || body === null) throw DomainError.invalid('body', 'must start with a header row naming the columns (member_id, points, ...)');
    if (!(body instanceof Readable)) throw new DomainError('unsupported_media_type', 'Send the members as text/csv');
    let batchId: string | undefined;
    try {
      const total = await readImport(body, async (rows) => {
        batchId ??= (await this.rpc.send(BatchPatterns.importOpen, ctx, {})).batch_id;
        await this.rpc.send(BatchPatterns.importAppend, ctx, { batch_id: batchId, rows }, { timeoutMs: STAGE_TIMEOUT_MS });
      });
      return await this.rpc.send(BatchPatterns.importSeal, ctx, { batch_id: batchId as string, total }, { timeoutMs: STAGE_TIMEOUT_MS });
    } catch (error) {
      // The client gets no batch id, so nothing of this upload may run; the sweeper drops it if this call fails too.
      if (batchId) await this.rpc.send(BatchPatterns.importDiscard, ctx, { batch_id: batchId }).catch(() => undefined);
      throw error;
    }
  }

  @Get('export')
  @Auth('tenant')
  @RawResponse()
  @ApiOperation({
    summary: 'Every member of the tenant as CSV, streamed',
    description:
      `Columns: ${EXPORT_COLUMNS.join(', ')}, oldest member first. The file imports as it is through POST /v1/members/import. ` +
      'Streamed page by page, so any number of members is sent in constant memory.',
    operationId: 'exportMembers',
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'The CSV file (Content-Disposition names it)',
    content: { 'text/csv': { schema: { type: 'string', example: `${EXPORT_COLUMNS.join(',')}\nMEMBER-001,John Doe,john@example.com,+14155550123,150,silver,,1,0\n` } } },
  })
  async export(@Ctx() ctx: CallContext, @Res() reply: FastifyReply): Promise<void> {
    // The first page is read before anything is sent, so a failure there is still an error envelope.
    let page = await this.rpc.send(MemberPatterns.exportPage, ctx, { after: null, limit: EXPORT_PAGE });
    const csv = stringify({ header: true, columns: [...EXPORT_COLUMNS] });
    const filename = `members-${new Date().toISOString().slice(0, 10)}.csv`;
    void reply.status(200).header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${filename}"`).send(csv);
    try {
      for (;;) {
        for (const row of page.rows) {
          if (csv.destroyed) break;
          // 'close' too: a client that hangs up never drains, and the export must stop rather than wait forever.
          if (!csv.write(row)) await Promise.race([once(csv, 'drain'), once(csv, 'close')]);
        }
        if (!page.next || csv.destroyed) break;
        page = await this.rpc.send(MemberPatterns.exportPage, ctx, { after: page.next, limit: EXPORT_PAGE });
      }
      csv.end();
    } catch (error) {
      // Headers are gone: cutting the stream short is the only way left to say the file is incomplete.
      csv.destroy(error as Error);
    }
  }
}
