import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ApiKeyCreated,
  ApiKeyView,
  CallContext,
  CreateApiKeyDto,
  ListTenantsQueryDto,
  OnboardResult,
  OnboardTenantDto,
  PageQueryDto,
  RevokedView,
  TenantPatterns,
  TenantView,
  UpdateTenantDto,
} from '@wp/contracts';
import { RpcClient } from '@wp/messaging';
import { Auth } from '../../auth/auth.decorator';
import { Ctx } from '../../auth/call-context.decorator';
import { Paginated, SuccessMessage } from '../../core/response.decorators';
import { UuidParam } from '../../core/uuid.pipe';
import { ApiEnvelope } from '../../openapi/api-envelope.decorator';
import { ErrorEnvelope } from '../../openapi/error-envelope';

@ApiTags('tenant management: tenants')
@Controller('v1')
export class TenantsController {
  constructor(private readonly rpc: RpcClient) {}

  @Post('onboard')
  @Auth('bearer', 'admin')
  @HttpCode(201)
  @SuccessMessage('Tenant onboarded successfully')
  @ApiOperation({ summary: 'Onboard a tenant; returns its first API key (shown once)', operationId: 'onboardTenant' })
  @ApiEnvelope(OnboardResult, { status: 201 })
  onboard(@Ctx() ctx: CallContext, @Body() body: OnboardTenantDto) {
    return this.rpc.send(TenantPatterns.onboard, ctx, body);
  }

  @Get('tenants')
  @Auth('admin')
  @Paginated()
  @ApiOperation({
    summary: 'List tenants, newest first; `q` finds them by company name or contact e-mail (substring) or id (prefix), case-insensitively',
    operationId: 'listTenants',
  })
  @ApiEnvelope(TenantView, { paginated: true })
  list(@Ctx() ctx: CallContext, @Query() query: ListTenantsQueryDto) {
    return this.rpc.send(TenantPatterns.listTenants, ctx, query);
  }

  @Get('tenants/:id')
  @Auth('admin')
  @ApiOperation({ summary: 'Get a tenant', operationId: 'getTenant' })
  @ApiEnvelope(TenantView)
  @ApiNotFoundResponse({ description: 'No such tenant', type: ErrorEnvelope })
  get(@Ctx() ctx: CallContext, @Param('id', new UuidParam('Tenant')) id: string) {
    return this.rpc.send(TenantPatterns.getTenant, ctx, { id });
  }

  @Patch('tenants/:id')
  @Auth('admin')
  @ApiOperation({
    summary: 'Suspend or reactivate a tenant, or change its settings (nfc_enabled)',
    description:
      "`nfc_enabled: true` lets the tenant's styles and passes carry an `nfc` payload; turn it on once Apple has granted the tenant's Pass Type ID certificate the NFC entitlement (until then such content is refused with 422).",
    operationId: 'updateTenant',
  })
  @ApiEnvelope(TenantView)
  @ApiNotFoundResponse({ description: 'No such tenant', type: ErrorEnvelope })
  update(@Ctx() ctx: CallContext, @Param('id', new UuidParam('Tenant')) id: string, @Body() body: UpdateTenantDto) {
    return this.rpc.send(TenantPatterns.updateTenantStatus, ctx, { id, ...body });
  }

  @Get('tenants/:id/api-keys')
  @Auth('admin')
  @Paginated()
  @ApiOperation({ summary: "List a tenant's API keys (prefixes only)", operationId: 'listApiKeys' })
  @ApiEnvelope(ApiKeyView, { paginated: true })
  @ApiNotFoundResponse({ description: 'No such tenant', type: ErrorEnvelope })
  listKeys(@Ctx() ctx: CallContext, @Param('id', new UuidParam('Tenant')) tenantId: string, @Query() query: PageQueryDto) {
    return this.rpc.send(TenantPatterns.listApiKeys, ctx, { tenantId, ...query });
  }

  @Post('tenants/:id/api-keys')
  @Auth('admin')
  @HttpCode(201)
  @ApiOperation({ summary: 'Issue a new API key for a tenant (rotation: issue, switch, then revoke the old one)', operationId: 'createApiKey' })
  @ApiEnvelope(ApiKeyCreated, { status: 201 })
  @ApiNotFoundResponse({ description: 'No such tenant', type: ErrorEnvelope })
  createKey(@Ctx() ctx: CallContext, @Param('id', new UuidParam('Tenant')) tenantId: string, @Body() body: CreateApiKeyDto) {
    return this.rpc.send(TenantPatterns.createApiKey, ctx, { tenantId, ...body });
  }

  @Delete('tenants/:id/api-keys/:keyId')
  @Auth('admin')
  @ApiOperation({ summary: 'Revoke an API key', operationId: 'revokeApiKey' })
  @ApiEnvelope(RevokedView)
  @ApiNotFoundResponse({ description: 'No such tenant or key', type: ErrorEnvelope })
  revokeKey(
    @Ctx() ctx: CallContext,
    @Param('id', new UuidParam('Tenant')) tenantId: string,
    @Param('keyId', new UuidParam('API key')) keyId: string,
  ) {
    return this.rpc.send(TenantPatterns.revokeApiKey, ctx, { tenantId, keyId });
  }
}
