import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Message, Principal, ResolveCredentialRequest, TenantPatterns } from '@wp/contracts';
import { Rpc } from '@wp/messaging';
import { CredentialResolverService } from './credential-resolver.service';

@Controller()
export class CredentialResolverController {
  constructor(private readonly resolver: CredentialResolverService) {}

  @Rpc(TenantPatterns.resolveCredential)
  resolve(@Payload() { payload }: Message<ResolveCredentialRequest>): Promise<Principal> {
    return this.resolver.resolve(payload);
  }
}
