import type { OpenAPIObject } from '@nestjs/swagger';
import { addOperatorAccess } from './operator-access';

const document = (): OpenAPIObject => ({
  openapi: '3.0.0',
  info: { title: 't', version: '1' },
  paths: {
    '/v1/members/{id}': {
      get: { security: [{ apiKey: [] }], responses: { '200': { description: 'ok' }, '404': { description: 'No such member' } } },
      put: { security: [{ apiKey: [] }], parameters: [{ name: 'id', in: 'path', required: true }], responses: { '200': { description: 'ok' } } },
    },
    '/v1/tenants': { get: { security: [{ adminToken: [] }], responses: { '200': { description: 'ok' } } } },
    '/demo': { get: { security: [{}], responses: { '200': { description: 'ok' } } } },
  },
});

describe('addOperatorAccess', () => {
  const out = addOperatorAccess(document());

  it('lets admin and bearer tokens call every API-key operation, with X-Tenant-Id and its 404', () => {
    const put = out.paths['/v1/members/{id}'].put!;
    expect(put.security).toEqual([{ apiKey: [] }, { adminToken: [] }, { bearerToken: [] }]);
    expect(put.parameters).toEqual([{ name: 'id', in: 'path', required: true }, { $ref: '#/components/parameters/TenantId' }]);
    expect(put.responses['404']).toEqual({ $ref: '#/components/responses/TenantNotFound' });
    expect(out.components?.parameters?.TenantId).toMatchObject({ name: 'X-Tenant-Id', in: 'header', required: false, schema: { type: 'string', format: 'uuid' } });
  });

  it("keeps an operation's own 404", () => {
    expect(out.paths['/v1/members/{id}'].get!.responses['404']).toEqual({ description: 'No such member' });
  });

  it('leaves admin-only and public operations alone', () => {
    expect(out.paths['/v1/tenants'].get).toEqual({ security: [{ adminToken: [] }], responses: { '200': { description: 'ok' } } });
    expect(out.paths['/demo'].get).toEqual({ security: [{}], responses: { '200': { description: 'ok' } } });
  });
});
