import { SetMetadata, applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiSecurity, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ErrorEnvelope } from '../openapi/error-envelope';

export type CredentialKind = 'tenant' | 'admin' | 'bearer';
export const AUTH_KINDS = 'wp:auth-kinds';

/**
 * Which credentials a route takes: `tenant` = X-API-Key, `admin` = Bearer st_ access token,
 * `bearer` = Bearer bt_ onboarding token. Routes without @Auth must be marked @Public().
 */
export function Auth(...kinds: CredentialKind[]) {
  const security = kinds.map((kind) => (kind === 'tenant' ? ApiSecurity('apiKey') : ApiBearerAuth(kind === 'admin' ? 'adminToken' : 'bearerToken')));
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
