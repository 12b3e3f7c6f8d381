import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  DeletedMemberView,
  ListMembersQueryDto,
  MemberDetailView,
  MemberKey,
  MemberPatterns,
  MemberSnapshot,
  RecordMemberPasses,
  MemberView,
  Message,
  Page,
  RegisterMemberDto,
  UpdateMemberDto,
  requireTenant,
} from '@wp/contracts';
import { Rpc } from '@wp/messaging';
import { MembersService } from './members.service';

@Controller()
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Rpc(MemberPatterns.register)
  async register(@Payload() { ctx, payload }: Message<RegisterMemberDto>): Promise<MemberView> {
    await this.members.requireStyleGroup(ctx, payload.style_group_id);
    return this.members.register(requireTenant(ctx), payload, ctx.idempotencyKey);
  }

  @Rpc(MemberPatterns.get)
  get(@Payload() { ctx, payload }: Message<MemberKey>): Promise<MemberDetailView> {
    return this.members.get(ctx, payload.member_id);
  }

  @Rpc(MemberPatterns.list)
  list(@Payload() { ctx, payload }: Message<ListMembersQueryDto>): Promise<Page<MemberView>> {
    return this.members.list(requireTenant(ctx), payload);
  }

  @Rpc(MemberPatterns.update)
  async update(@Payload() { ctx, payload: { member_id, ...changes } }: Message<MemberKey & UpdateMemberDto>): Promise<MemberView> {
    await this.members.requireStyleGroup(ctx, changes.style_group_id);
    return this.members.update(requireTenant(ctx), member_id, changes);
  }

  @Rpc(MemberPatterns.delete)
  delete(@Payload() { ctx, payload }: Message<MemberKey>): Promise<DeletedMemberView> {
    return this.members.delete(requireTenant(ctx), payload.member_id);
  }

  @Rpc(MemberPatterns.getSnapshot)
  snapshot(@Payload() { ctx, payload }: Message<MemberKey>): Promise<MemberSnapshot> {
    return this.members.snapshot(requireTenant(ctx), payload.member_id);
  }

  @Rpc(MemberPatterns.recordPasses)
  recordPasses(@Payload() { ctx, payload }: Message<RecordMemberPasses>): Promise<{ recorded: boolean }> {
    return this.members.recordPasses(requireTenant(ctx), payload);
  }
}
