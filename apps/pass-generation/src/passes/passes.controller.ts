import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  CallContext,
  CreatePassBundleDto,
  CreatePassFromMemberDto,
  DeletedView,
  ListPassesQueryDto,
  Message,
  Page,
  PassDownload,
  PassFile,
  PassKey,
  PassPatterns,
  PassView,
  UpdatePassDto,
  requireTenant,
} from '@wp/contracts';
import { Rpc } from '@wp/messaging';
import { MemberPassNotifier } from '../member-passes/member-pass.notifier';
import { PassesService } from './passes.service';

@Controller()
export class PassesController {
  constructor(
    private readonly passes: PassesService,
    private readonly notifier: MemberPassNotifier,
  ) {}

  @Rpc(PassPatterns.createFromMember)
  create(@Payload() { ctx, payload }: Message<CreatePassFromMemberDto>): Promise<PassView> {
    return this.afterChange(ctx, this.passes.createFromMember(ctx, payload));
  }

  @Rpc(PassPatterns.list)
  list(@Payload() { ctx, payload }: Message<ListPassesQueryDto>): Promise<Page<PassView>> {
    return this.passes.list(ctx, payload);
  }

  @Rpc(PassPatterns.get)
  get(@Payload() { ctx, payload }: Message<PassKey>): Promise<PassView> {
    return this.passes.get(requireTenant(ctx), payload.pass_id);
  }

  @Rpc(PassPatterns.update)
  update(@Payload() { ctx, payload: { pass_id, ...body } }: Message<PassKey & UpdatePassDto>): Promise<PassView> {
    return this.afterChange(ctx, this.passes.update(requireTenant(ctx), pass_id, body));
  }

  @Rpc(PassPatterns.void)
  void(@Payload() { ctx, payload }: Message<PassKey>): Promise<PassView> {
    return this.afterChange(ctx, this.passes.void(requireTenant(ctx), payload.pass_id));
  }

  @Rpc(PassPatterns.delete)
  delete(@Payload() { ctx, payload }: Message<PassKey>): Promise<DeletedView> {
    return this.afterChange(ctx, this.passes.delete(requireTenant(ctx), payload.pass_id), payload.pass_id);
  }

  @Rpc(PassPatterns.download)
  download(@Payload() { ctx, payload }: Message<PassKey>): Promise<PassDownload> {
    return this.passes.download(ctx, payload.pass_id);
  }

  @Rpc(PassPatterns.bundle)
  bundle(@Payload() { ctx, payload }: Message<CreatePassBundleDto>): Promise<PassFile> {
    return this.passes.bundle(ctx, payload);
  }

  /** Member-data keeps each member's pass list: tell it before answering, so the next GET member shows this. */
  private async afterChange<T extends { pass_id?: string; id?: string }>(ctx: CallContext, change: Promise<T>, passId?: string): Promise<T> {
    const result = await change;
    const id = passId ?? result.pass_id ?? result.id;
    if (id) await this.notifier.reportSoon(requireTenant(ctx), id, ctx.requestId);
    return result;
  }
}
