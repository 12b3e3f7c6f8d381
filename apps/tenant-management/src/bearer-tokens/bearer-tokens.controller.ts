import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { BearerTokenCreated, BearerTokenView, CreateBearerTokenDto, Message, Page, PageQueryDto, RevokedView, TenantPatterns } from '@wp/contracts';
import { Rpc } from '@wp/messaging';
import { BearerTokensService } from './bearer-tokens.service';

@Controller()
export class BearerTokensController {
  constructor(private readonly tokens: BearerTokensService) {}

  @Rpc(TenantPatterns.createBearerToken)
  create(@Payload() { ctx, payload }: Message<CreateBearerTokenDto>): Promise<BearerTokenCreated> {
    return this.tokens.create(ctx, payload);
  }

  @Rpc(TenantPatterns.listBearerTokens)
  list(@Payload() { payload }: Message<PageQueryDto>): Promise<Page<BearerTokenView>> {
    return this.tokens.list(payload);
  }

  @Rpc(TenantPatterns.revokeBearerToken)
  revoke(@Payload() { payload }: Message<{ id: string }>): Promise<RevokedView> {
    return this.tokens.revoke(payload.id);
  }
}
