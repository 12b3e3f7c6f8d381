import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { BrandLook, DistributionChannel, HostedPassModel, Message, PassFile, PassInternalPatterns, PassSummary, PassType } from '@wp/contracts';
import { Rpc } from '@wp/messaging';
import { PassInternalService } from './pass-internal.service';

/** Patterns other services call; the gateway never routes public paths here. */
@Controller()
export class PassInternalController {
  constructor(private readonly internal: PassInternalService) {}

  @Rpc(PassInternalPatterns.ensureMemberPass)
  ensureMemberPass(@Payload() { ctx, payload }: Message<{ member_id: string; pass_type: PassType; channel: DistributionChannel }>): Promise<PassSummary> {
    return this.internal.ensureMemberPass(ctx, payload.member_id, payload.pass_type, payload.channel);
  }

  @Rpc(PassInternalPatterns.getPass)
  getPass(@Payload() { ctx, payload }: Message<{ pass_id: string }>): Promise<PassSummary> {
    return this.internal.getPass(ctx, payload.pass_id);
  }

  @Rpc(PassInternalPatterns.hostedPage)
  hostedPage(@Payload() { ctx, payload }: Message<{ pass_id: string }>): Promise<HostedPassModel> {
    return this.internal.hostedPage(ctx, payload.pass_id);
  }

  @Rpc(PassInternalPatterns.brandLook)
  brandLook(@Payload() { ctx, payload }: Message<{ style_group_id: string | null }>): Promise<BrandLook> {
    return this.internal.brandLook(ctx, payload.style_group_id);
  }

  @Rpc(PassInternalPatterns.appleBundle)
  appleBundle(@Payload() { ctx, payload }: Message<{ pass_id: string; channel: DistributionChannel }>): Promise<PassFile> {
    return this.internal.appleBundle(ctx, payload.pass_id, payload.channel);
  }
}
