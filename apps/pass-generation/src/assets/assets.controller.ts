import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { AssetUpload, AssetView, DeletedView, IdKey, Message, Page, PageQueryDto, PassFile, PassPatterns, requireTenant } from '@wp/contracts';
import { Rpc } from '@wp/messaging';
import { AssetsService } from './assets.service';

@Controller()
export class AssetsController {
  constructor(private readonly assets: AssetsService) {}

  @Rpc(PassPatterns.uploadAsset)
  upload(@Payload() { ctx, payload }: Message<AssetUpload>): Promise<AssetView> {
    return this.assets.upload(requireTenant(ctx), payload);
  }

  @Rpc(PassPatterns.listAssets)
  list(@Payload() { ctx, payload }: Message<PageQueryDto>): Promise<Page<AssetView>> {
    return this.assets.list(requireTenant(ctx), payload);
  }

  @Rpc(PassPatterns.getAsset)
  get(@Payload() { ctx, payload }: Message<IdKey>): Promise<AssetView> {
    return this.assets.get(requireTenant(ctx), payload.id);
  }

  @Rpc(PassPatterns.publicImage)
  publicImage(@Payload() { payload }: Message<{ sha256: string }>): Promise<PassFile> {
    return this.assets.publicImage(payload.sha256);
  }

  @Rpc(PassPatterns.deleteAsset)
  delete(@Payload() { ctx, payload }: Message<IdKey>): Promise<DeletedView> {
    return this.assets.delete(requireTenant(ctx), payload.id);
  }
}
