import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { DeletedView, IdKey, Message, Page, PageQueryDto, PassPatterns, StyleGroupDto, StyleGroupView, requireTenant } from '@wp/contracts';
import { Rpc } from '@wp/messaging';
import { StyleGroupsService } from './style-groups.service';

@Controller()
export class StyleGroupsController {
  constructor(private readonly groups: StyleGroupsService) {}

  @Rpc(PassPatterns.createStyleGroup)
  create(@Payload() { ctx, payload }: Message<StyleGroupDto>): Promise<StyleGroupView> {
    return this.groups.create(requireTenant(ctx), payload);
  }

  @Rpc(PassPatterns.listStyleGroups)
  list(@Payload() { ctx, payload }: Message<PageQueryDto>): Promise<Page<StyleGroupView>> {
    return this.groups.list(requireTenant(ctx), payload);
  }

  @Rpc(PassPatterns.getStyleGroup)
  get(@Payload() { ctx, payload }: Message<IdKey>): Promise<StyleGroupView> {
    return this.groups.get(requireTenant(ctx), payload.id);
  }

  @Rpc(PassPatterns.updateStyleGroup)
  update(@Payload() { ctx, payload: { id, ...body } }: Message<IdKey & StyleGroupDto>): Promise<StyleGroupView> {
    return this.groups.update(requireTenant(ctx), id, body);
  }

  @Rpc(PassPatterns.deleteStyleGroup)
  delete(@Payload() { ctx, payload }: Message<IdKey>): Promise<DeletedView> {
    return this.groups.delete(requireTenant(ctx), payload.id);
  }
}
