import type { OpenAPIObject } from '@nestjs/swagger';
import { TENANT_ID_HEADER } from '@wp/contracts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/**
 * Contract §8.2 for the document: every operation an API key can call also takes an admin
 * or bearer token with X-Tenant-Id, and then answers 404 for a tenant that is unknown or
 * suspended. Written once here, as the credential guard decides it once for every route.
 */
export function addOperatorAccess(document: OpenAPIObject): OpenAPIObject {
  const components = (document.components ??= {}) as Json;
  components.parameters = {
    ...components.parameters,
    TenantId: {
      name: TENANT_ID_HEADER,
      in: 'header',
      required: false,
      description:
        'With an admin (st_) or bearer (bt_) token: act as this tenant, as its API key would; every change made so is in GET /v1/audit-log. An unknown or suspended tenant is a 404. With an API key: only that key\'s own tenant id is accepted (any other is a 403). Not taken by admin endpoints (400).',
      schema: { type: 'string', format: 'uuid' },
    },
  };
  components.responses = {
    ...components.responses,
    TenantNotFound: {
      description: `Not found; with ${TENANT_ID_HEADER}, also: no active tenant has that id`,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorEnvelope' } } },
    },
  };
  for (const item of Object.values(document.paths) as Json[]) {
    for (const method of METHODS) {
      const operation = item[method] as Json | undefined;
      const security = operation?.security as Array<Record<string, string[]>> | undefined;
      if (!operation || !security?.some((requirement) => 'apiKey' in requirement)) continue;
      operation.parameters = [...(operation.parameters ?? []), { $ref: '#/components/parameters/TenantId' }];
      for (const scheme of ['adminToken', 'bearerToken']) {
        if (!security.some((requirement) => scheme in requirement)) security.push({ [scheme]: [] });
      }
      (operation.responses as Json)['404'] ??= { $ref: '#/components/responses/TenantNotFound' };
    }
  }
  return document;
}
