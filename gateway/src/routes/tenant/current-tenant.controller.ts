import { Body, Controller, Get, Patch, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AppleCredentialsDto, AppleWalletView, CallContext, GoogleCredentialsDto, GoogleWalletView, TenantPatterns, TenantView, UpdateCurrentTenantDto } from '@wp/contracts';
import { RpcClient } from '@wp/messaging';
import { Auth } from '../../auth/auth.decorator';
import { Ctx } from '../../auth/call-context.decorator';
import { ApiEnvelope } from '../../openapi/api-envelope.decorator';

@ApiTags('tenant management: my tenant')
@Controller('v1/tenant')
export class CurrentTenantController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @Auth('tenant')
  @ApiOperation({ summary: 'The calling tenant, with the state of its wallet credentials (never the secrets)', operationId: 'getCurrentTenant' })
  @ApiEnvelope(TenantView)
  get(@Ctx() ctx: CallContext) {
    return this.rpc.send(TenantPatterns.getCurrentTenant, ctx, {});
  }

  @Patch()
  @Auth('tenant')
  @ApiOperation({ summary: "Change the calling tenant's settings: currency (ISO 4217) of members' stored value", operationId: 'updateCurrentTenant' })
  @ApiEnvelope(TenantView)
  update(@Ctx() ctx: CallContext, @Body() body: UpdateCurrentTenantDto) {
    return this.rpc.send(TenantPatterns.updateCurrentTenant, ctx, body);
  }

  @Put('apple')
  @Auth('tenant')
  @ApiOperation({ summary: 'Store the Apple Pass Type ID certificate (PEM + key, or PKCS#12), encrypted at rest', operationId: 'putAppleCredentials' })
  @ApiEnvelope(AppleWalletView)
  putApple(@Ctx() ctx: CallContext, @Body() body: AppleCredentialsDto) {
    return this.rpc.send(TenantPatterns.putAppleCredentials, ctx, body);
  }

  @Put('google')
  @Auth('tenant')
  @ApiOperation({ summary: 'Store the Google Wallet issuer id and service account, encrypted at rest', operationId: 'putGoogleCredentials' })
  @ApiEnvelope(GoogleWalletView)
  putGoogle(@Ctx() ctx: CallContext, @Body() body: GoogleCredentialsDto) {
    return this.rpc.send(TenantPatterns.putGoogleCredentials, ctx, body);
  }
}
