import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import {
  BearerTokenCreated,
  BearerTokenView,
  BootstrapResult,
  BootstrapSuperAdminDto,
  CallContext,
  CreateBearerTokenDto,
  LoginDto,
  LoginResult,
  PageQueryDto,
  RevokedView,
  TenantPatterns,
} from '@wp/contracts';
import { RpcClient } from '@wp/messaging';
import { Auth, Public } from '../../auth/auth.decorator';
import { Ctx } from '../../auth/call-context.decorator';
import { Paginated } from '../../core/response.decorators';
import { UuidParam } from '../../core/uuid.pipe';
import { ApiEnvelope } from '../../openapi/api-envelope.decorator';
import { ErrorEnvelope } from '../../openapi/error-envelope';

@ApiTags('tenant management: admins')
@Controller('v1')
export class AdminAuthController {
  constructor(private readonly rpc: RpcClient) {}

  @Post('bootstrap/super-admin')
  @Public()
  @HttpCode(201)
  @ApiOperation({ summary: 'Create the first super admin (one time only)', operationId: 'bootstrapSuperAdmin' })
  @ApiEnvelope(BootstrapResult, { status: 201 })
  @ApiConflictResponse({ description: 'A super admin already exists', type: ErrorEnvelope })
  bootstrap(@Ctx() ctx: CallContext, @Body() body: BootstrapSuperAdminDto) {
    return this.rpc.send(TenantPatterns.bootstrapSuperAdmin, ctx, body);
  }

  @Post('auth/login')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Log in as an admin and get an access token', operationId: 'login' })
  @ApiEnvelope(LoginResult)
  @ApiUnauthorizedResponse({ description: 'Wrong e-mail or password', type: ErrorEnvelope })
  @ApiTooManyRequestsResponse({ description: 'Too many failed attempts', type: ErrorEnvelope })
  login(@Ctx() ctx: CallContext, @Body() body: LoginDto) {
    return this.rpc.send(TenantPatterns.login, ctx, body);
  }

  @Post('bearer-tokens')
  @Auth('admin')
  @HttpCode(201)
  @ApiOperation({ summary: 'Create an onboarding bearer token (shown once)', operationId: 'createBearerToken' })
  @ApiEnvelope(BearerTokenCreated, { status: 201 })
  createBearerToken(@Ctx() ctx: CallContext, @Body() body: CreateBearerTokenDto) {
    return this.rpc.send(TenantPatterns.createBearerToken, ctx, body);
  }

  @Get('bearer-tokens')
  @Auth('admin')
  @Paginated()
  @ApiOperation({ summary: 'List bearer tokens (never the tokens themselves)', operationId: 'listBearerTokens' })
  @ApiEnvelope(BearerTokenView, { paginated: true })
  listBearerTokens(@Ctx() ctx: CallContext, @Query() query: PageQueryDto) {
    return this.rpc.send(TenantPatterns.listBearerTokens, ctx, query);
  }

  @Delete('bearer-tokens/:id')
  @Auth('admin')
  @ApiOperation({ summary: 'Revoke a bearer token', operationId: 'revokeBearerToken' })
  @ApiEnvelope(RevokedView)
  @ApiNotFoundResponse({ description: 'No such bearer token', type: ErrorEnvelope })
  revokeBearerToken(@Ctx() ctx: CallContext, @Param('id', new UuidParam('Bearer token')) id: string) {
    return this.rpc.send(TenantPatterns.revokeBearerToken, ctx, { id });
  }
}
