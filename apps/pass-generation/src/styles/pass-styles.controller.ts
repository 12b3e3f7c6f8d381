import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { DeletedView, IdKey, Message, Page, PageQueryDto, PassPatterns, PassStyleDto, PassStyleView, requireTenant } from '@wp/contracts';
import { Rpc } from '@wp/messaging';
import { PassStylesService } from './pass-styles.service';

@Controller()
export class PassStylesController {
  constructor(private readonly styles: PassStylesService) {}

  @Rpc(PassPatterns.createStyle)
  create(@Payload() { ctx, payload }: Message<PassStyleDto>): Promise<PassStyleView> {
    return this.styles.create(ctx, payload);
  }

  @Rpc(PassPatterns.listStyles)
  list(@Payload() { ctx, payload }: Message<PageQueryDto>): Promise<Page<PassStyleView>> {
    return this.styles.list(requireTenant(ctx), payload);
  }

  @Rpc(PassPatterns.getStyle)
  get(@Payload() { ctx, payload }: Message<IdKey>): Promise<PassStyleView> {
    return this.styles.get(requireTenant(ctx), payload.id);
  }

  @Rpc(PassPatterns.updateStyle)
  update(@Payload() { ctx, payload: { id, ...body } }: Message<IdKey & PassStyleDto>): Promise<PassStyleView> {
    return this.styles.update(ctx, id, body);
  }

  @Rpc(PassPatterns.deleteStyle)
  delete(@Payload() { ctx, payload }: Message<IdKey>): Promise<DeletedView> {
    return this.styles.delete(requireTenant(ctx), payload.id);
  }
}
