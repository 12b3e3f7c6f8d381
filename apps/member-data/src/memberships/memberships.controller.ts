import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { CreateMembershipDto, MemberPatterns, MembershipView, Message, requireTenant } from '@wp/contracts';
import { Rpc } from '@wp/messaging';
import { MembershipsService } from './memberships.service';

@Controller()
export class MembershipsController {
  constructor(private readonly memberships: MembershipsService) {}

  @Rpc(MemberPatterns.createMembership)
  replace(@Payload() { ctx, payload }: Message<CreateMembershipDto>): Promise<MembershipView> {
    return this.memberships.replace(requireTenant(ctx), payload);
  }

  @Rpc(MemberPatterns.getMembership)
  get(@Payload() { ctx }: Message<Record<string, never>>): Promise<MembershipView> {
    return this.memberships.get(requireTenant(ctx));
  }
}
