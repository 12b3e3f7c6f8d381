import { Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiBody, ApiConsumes, ApiOperation, ApiPayloadTooLargeResponse, ApiTags, ApiUnsupportedMediaTypeResponse } from '@nestjs/swagger';
import { CallContext, DOCTOR_PKPASS_LIMIT_BYTES, DoctorPatterns, DomainError, PkpassDiagnosisView, TenantDoctorView } from '@wp/contracts';
import { RpcClient } from '@wp/messaging';
import type { FastifyRequest } from 'fastify';
import { Auth } from '../../auth/auth.decorator';
import { Ctx } from '../../auth/call-context.decorator';
import { ApiEnvelope } from '../../openapi/api-envelope.decorator';
import { ErrorEnvelope } from '../../openapi/error-envelope';
import { PKPASS_CONTENT_TYPES } from './pkpass-body.parser';

@ApiTags('pass doctor')
@Controller('v1/doctor')
export class DoctorController {
  constructor(private readonly rpc: RpcClient) {}

  @Post('pkpass')
  @Auth('tenant')
  @HttpCode(200)
  @RouteConfig({ bodyLimit: DOCTOR_PKPASS_LIMIT_BYTES })
  @ApiOperation({
    summary: 'Diagnose any .pkpass: every problem Wallet would have with it, each with a code, the file and how to fix it',
    description:
      'The body is the raw bytes of the .pkpass (at most 10 MiB). Checks the archive, pass.json, images, manifest hashes, the CMS ' +
      "signature over the manifest, the chain to Apple's WWDR G4 intermediate, the certificate's dates and its pass type / team ids. " +
      'Hostile archives (zip bombs, ../ names, garbage) are answered with problem codes.',
    operationId: 'doctorPkpass',
  })
  @ApiConsumes(...PKPASS_CONTENT_TYPES)
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiEnvelope(PkpassDiagnosisView)
  @ApiPayloadTooLargeResponse({ description: 'The body is larger than 10 MiB', type: ErrorEnvelope })
  @ApiUnsupportedMediaTypeResponse({ description: 'Not application/vnd.apple.pkpass or application/octet-stream', type: ErrorEnvelope })
  pkpass(@Ctx() ctx: CallContext, @Req() request: FastifyRequest) {
    const body = request.body;
    if (!Buffer.isBuffer(body)) {
      throw new DomainError('unsupported_media_type', 'Send the .pkpass bytes as application/vnd.apple.pkpass or application/octet-stream');
    }
    if (body.length === 0) throw DomainError.invalid('body', 'must be the bytes of a .pkpass; the body is empty');
    return this.rpc.send(DoctorPatterns.pkpass, ctx, { content_base64: body.toString('base64') });
  }

  @Get('tenant')
  @Auth('tenant')
  @ApiOperation({
    summary: "Check the tenant's stored wallet credentials (certificate dates, key, ids, WWDR G4 issuer, Google service account); never echoes a secret",
    operationId: 'doctorTenant',
  })
  @ApiEnvelope(TenantDoctorView)
  tenant(@Ctx() ctx: CallContext) {
    return this.rpc.send(DoctorPatterns.tenant, ctx, {});
  }
}
