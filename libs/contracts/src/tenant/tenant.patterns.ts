import type { Page, PageQueryDto } from '../pagination';
import type { Rpc } from '../rpc';
import type {
  AppleCredentialsDto,
  BootstrapSuperAdminDto,
  CreateApiKeyDto,
  CreateBearerTokenDto,
  GoogleCredentialsDto,
  ListTenantsQueryDto,
  LoginDto,
  OnboardTenantDto,
  UpdateCurrentTenantDto,
  UpdateTenantDto,
} from './tenant.dto';
import type {
  ApiKeyCreated,
  ApiKeyView,
  AppleSigningCredentials,
  AppleWalletView,
  BearerTokenCreated,
  BearerTokenView,
  BootstrapResult,
  GoogleWalletCredentials,
  GoogleWalletView,
  LoginResult,
  OnboardResult,
  Principal,
  ResolveCredentialRequest,
  RevokedView,
  TenantProfile,
  TenantView,
} from './tenant.views';

// Do not change the values: they are channel names on the Redis transport.
export const TenantPatterns = {
  bootstrapSuperAdmin: 'tenant.bootstrap-super-admin',
  login: 'tenant.login',
  resolveCredential: 'tenant.resolve-credential',
  createBearerToken: 'tenant.bearer-tokens.create',
  listBearerTokens: 'tenant.bearer-tokens.list',
  revokeBearerToken: 'tenant.bearer-tokens.revoke',
  onboard: 'tenant.onboard',
  listTenants: 'tenant.tenants.list',
  getTenant: 'tenant.tenants.get',
  updateTenantStatus: 'tenant.tenants.update-status',
  listApiKeys: 'tenant.api-keys.list',
  createApiKey: 'tenant.api-keys.create',
  revokeApiKey: 'tenant.api-keys.revoke',
  getCurrentTenant: 'tenant.current.get',
  updateCurrentTenant: 'tenant.current.update',
  putAppleCredentials: 'tenant.current.apple.put',
  putGoogleCredentials: 'tenant.current.google.put',
  // Internal: for services that sign passes and push updates. The gateway never routes here.
  getTenantProfile: 'tenant.internal.profile',
  getAppleSigningCredentials: 'tenant.internal.apple-credentials',
  getGoogleWalletCredentials: 'tenant.internal.google-credentials',
} as const;

export interface TenantRpcMap {
  [TenantPatterns.bootstrapSuperAdmin]: Rpc<BootstrapSuperAdminDto, BootstrapResult>;
  [TenantPatterns.login]: Rpc<LoginDto, LoginResult>;
  [TenantPatterns.resolveCredential]: Rpc<ResolveCredentialRequest, Principal>;
  [TenantPatterns.createBearerToken]: Rpc<CreateBearerTokenDto, BearerTokenCreated>;
  [TenantPatterns.listBearerTokens]: Rpc<PageQueryDto, Page<BearerTokenView>>;
  [TenantPatterns.revokeBearerToken]: Rpc<{ id: string }, RevokedView>;
  [TenantPatterns.onboard]: Rpc<OnboardTenantDto, OnboardResult>;
  [TenantPatterns.listTenants]: Rpc<ListTenantsQueryDto, Page<TenantView>>;
  [TenantPatterns.getTenant]: Rpc<{ id: string }, TenantView>;
  [TenantPatterns.updateTenantStatus]: Rpc<{ id: string } & UpdateTenantDto, TenantView>;
  [TenantPatterns.listApiKeys]: Rpc<{ tenantId: string } & PageQueryDto, Page<ApiKeyView>>;
  [TenantPatterns.createApiKey]: Rpc<{ tenantId: string } & CreateApiKeyDto, ApiKeyCreated>;
  [TenantPatterns.revokeApiKey]: Rpc<{ tenantId: string; keyId: string }, RevokedView>;
  [TenantPatterns.getCurrentTenant]: Rpc<Record<string, never>, TenantView>;
  [TenantPatterns.updateCurrentTenant]: Rpc<UpdateCurrentTenantDto, TenantView>;
  [TenantPatterns.putAppleCredentials]: Rpc<AppleCredentialsDto, AppleWalletView>;
  [TenantPatterns.putGoogleCredentials]: Rpc<GoogleCredentialsDto, GoogleWalletView>;
  [TenantPatterns.getTenantProfile]: Rpc<Record<string, never>, TenantProfile>;
  [TenantPatterns.getAppleSigningCredentials]: Rpc<Record<string, never>, AppleSigningCredentials | null>;
  [TenantPatterns.getGoogleWalletCredentials]: Rpc<Record<string, never>, GoogleWalletCredentials | null>;
}
