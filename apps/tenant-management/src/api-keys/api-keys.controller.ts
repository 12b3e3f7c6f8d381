import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { ApiKeyCreated, ApiKeyView, CreateApiKeyDto, Message, Page, PageQueryDto, RevokedView, TenantPatterns } from '@wp/contracts';
import { Rpc } from '@wp/messaging';
import { ApiKeysService } from './api-keys.service';

@Controller()
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Rpc(TenantPatterns.listApiKeys)
  list(@Payload() { payload }: Message<{ tenantId: string } & PageQueryDto>): Promise<Page<ApiKeyView>> {
    return this.keys.list(payload.tenantId, payload);
  }

  @Rpc(TenantPatterns.createApiKey)
  create(@Payload() { payload }: Message<{ tenantId: string } & CreateApiKeyDto>): Promise<ApiKeyCreated> {
    return this.keys.create(payload.tenantId, payload.name);
  }

  @Rpc(TenantPatterns.revokeApiKey)
  revoke(@Payload() { payload }: Message<{ tenantId: string; keyId: string }>): Promise<RevokedView> {
    return this.keys.revoke(payload.tenantId, payload.keyId);
  }
}
