import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  CreatePassFromMemberDto,
  DeletedView,
  ListPassesQueryDto,
  Message,
  Page,
  PassDownload,
  PassKey,
  PassPatterns,
  PassView,
  UpdatePassDto,
  requireTenant,
} from '@wp/contracts';
import { Rpc } from '@wp/messaging';
import { PassesService } from './passes.service';

@Controller()
export class PassesController {
  constructor(private readonly passes: PassesService) {}

  @Rpc(PassPatterns.createFromMember)
  create(@Payload() { ctx, payload }: Message<CreatePassFromMemberDto>): Promise<PassView> {
    return this.passes.createFromMember(ctx, payload);
  }

  @Rpc(PassPatterns.list)
  list(@Payload() { ctx, payload }: Message<ListPassesQueryDto>): Promise<Page<PassView>> {
    return this.passes.list(requireTenant(ctx), payload);
  }

  @Rpc(PassPatterns.get)
  get(@Payload() { ctx, payload }: Message<PassKey>): Promise<PassView> {
    return this.passes.get(requireTenant(ctx), payload.pass_id);
  }

  @Rpc(PassPatterns.update)
  update(@Payload() { ctx, payload: { pass_id, ...body } }: Message<PassKey & UpdatePassDto>): Promise<PassView> {
    return this.passes.update(requireTenant(ctx), pass_id, body);
  }

  @Rpc(PassPatterns.void)
  void(@Payload() { ctx, payload }: Message<PassKey>): Promise<PassView> {
    return this.passes.void(requireTenant(ctx), payload.pass_id);
  }

  @Rpc(PassPatterns.delete)
  delete(@Payload() { ctx, payload }: Message<PassKey>): Promise<DeletedView> {
    return this.passes.delete(requireTenant(ctx), payload.pass_id);
  }

  @Rpc(PassPatterns.download)
  download(@Payload() { ctx, payload }: Message<PassKey>): Promise<PassDownload> {
    return this.passes.download(ctx, payload.pass_id);
  }
}
