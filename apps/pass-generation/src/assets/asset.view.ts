import type { AssetView } from '@wp/contracts';
import type { Asset } from './asset.entity';

export const assetView = (asset: Asset): AssetView => ({
  id: asset.id,
  filename: asset.filename,
  content_type: asset.contentType,
  size: asset.size,
  width: asset.width,
  height: asset.height,
  sha256: asset.sha256,
  created_at: asset.createdAt.toISOString(),
  updated_at: asset.updatedAt.toISOString(),
});
