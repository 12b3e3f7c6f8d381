import { SetMetadata, applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiSecurity, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ErrorEnvelope } from '../openapi/error-envelope';

export type CredentialKind = 'tenant' | 'admin' | 'bearer' | 'scanner';
export const AUTH_KINDS = 'wp:auth-kinds';

/**
 * Which credentials a route takes: `tenant` = X-API-Key, `admin` = Bearer st_ access token,
 * `bearer` = Bearer bt_ onboarding token, `scanner` = Bearer sc_ till scanner token (taken by
 * the scan routes only). Routes without @Auth must be marked @Public().
 */
export function Auth(...kinds: CredentialKind[]) {
  const schemes: Record<Exclude<CredentialKind, 'tenant'>, string> = { admin: 'adminToken', bearer: 'bearerToken', scanner: 'scannerToken' };
  const security = kinds.map((kind) => (kind === 'tenant' ? ApiSecurity('apiKey') : ApiBearerAuth(schemes[kind])));
  return applyDecorators(
    SetMetadata(AUTH_KINDS, kinds),
    ...security,
    ApiUnauthorizedResponse({ description: 'Credentials missing', type: ErrorEnvelope }),
    ApiForbiddenResponse({ description: 'Credentials invalid, expired, revoked, suspended tenant or wrong role', type: ErrorEnvelope }),
    ApiTooManyRequestsResponse({ description: 'Rate limited; see Retry-After', type: ErrorEnvelope }),
  );
}

/** No credentials. The empty requirement tells OpenAPI readers so, rather than leaving it unsaid. */
export const Public = () => applyDecorators(SetMetadata(AUTH_KINDS, []), ApiSecurity({}));
