import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOperation, ApiParam, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { CallContext, DomainError, ScanActionDto, ScanLookupView, ScanPatterns, ScanResultView } from '@wp/contracts';
import { RpcClient } from '@wp/messaging';
import { Auth } from '../../auth/auth.decorator';
import { Ctx } from '../../auth/call-context.decorator';
import { ApiEnvelope } from '../../openapi/api-envelope.decorator';
import { ErrorEnvelope } from '../../openapi/error-envelope';

/** A barcode message longer than any pass stores cannot name one. */
const MAX_CODE = 512;

const CODE_PARAM = { name: 'code', description: 'What the till scanned: a barcode message (URL-encoded) or a pass serial number', example: 'MEMBER-001' };

function scannedCode(code: string): string {
  if (code.length === 0 || code.length > MAX_CODE) throw DomainError.notFound('Pass');
  return code;
}

/** The till: only a scanner token (Bearer sc_…) opens these routes, and it opens nothing else. */
@ApiTags('scanning')
@Controller('v1/scan')
export class ScanController {
  constructor(private readonly rpc: RpcClient) {}

  @Get(':code')
  @Auth('scanner')
  @ApiParam(CODE_PARAM)
  @ApiOperation({ summary: 'Look a pass up by what the till scanned: the pass, its member (points, balance, tier) and what the till may do. Not a scan.', operationId: 'scanLookup' })
  @ApiEnvelope(ScanLookupView)
  @ApiNotFoundResponse({ description: 'No pass of this tenant shows this code', type: ErrorEnvelope })
  lookup(@Ctx() ctx: CallContext, @Param('code') code: string): Promise<ScanLookupView> {
    return this.rpc.send(ScanPatterns.lookup, ctx, { code: scannedCode(code) });
  }

  @Post(':code')
  @Auth('scanner')
  @HttpCode(200)
  @ApiParam(CODE_PARAM)
  @ApiOperation({
    summary: 'Act on a scanned pass (redeem, points, balance): recorded as a scan, event pass.scanned',
    description:
      'points and balance change in one member transaction when both are given; a subtract beyond the balance changes neither (422). ' +
      'A repeat with the same transaction_reference replays the first answer (was_duplicate: true). A style with extend_on_scan_days moves the expiry out.',
    operationId: 'scanAct',
  })
  @ApiEnvelope(ScanResultView)
  @ApiNotFoundResponse({ description: 'No pass of this tenant shows this code', type: ErrorEnvelope })
  @ApiConflictResponse({ description: 'redeem of a pass already redeemed, or not active', type: ErrorEnvelope })
  @ApiUnprocessableEntityResponse({ description: 'insufficient_balance, or points/balance out of range', type: ErrorEnvelope })
  act(@Ctx() ctx: CallContext, @Param('code') code: string, @Body() body: ScanActionDto): Promise<ScanResultView> {
    return this.rpc.send(ScanPatterns.act, ctx, { ...body, code: scannedCode(code) });
  }
}
