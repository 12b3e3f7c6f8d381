import type { Page, PageQueryDto } from '../pagination';
import type { Rpc } from '../rpc';
import type { CreatePassBundleDto, CreatePassFromMemberDto, DemoPassQueryDto, ListPassesQueryDto, UpdatePassDto } from './pass.dto';
import type { PassFile } from './pass-internal.patterns';
import type { PassStyleDto } from './pass-style.dto';
import type { AssetView, DeletedView, PassDownload, PassStyleView, PassTraceEntryView, PassView, StyleGroupView } from './pass.views';
import type { StyleGroupDto } from './style-group.dto';

// Do not change the values: they are channel names on the Redis transport.
export const PassPatterns = {
  createFromMember: 'pass.passes.create-from-member',
  list: 'pass.passes.list',
  get: 'pass.passes.get',
  update: 'pass.passes.update',
  void: 'pass.passes.void',
  delete: 'pass.passes.delete',
  download: 'pass.passes.download',
  demo: 'pass.demo',
  createStyle: 'pass.styles.create',
  listStyles: 'pass.styles.list',
  getStyle: 'pass.styles.get',
  updateStyle: 'pass.styles.update',
  deleteStyle: 'pass.styles.delete',
  createStyleGroup: 'pass.style-groups.create',
  listStyleGroups: 'pass.style-groups.list',
  getStyleGroup: 'pass.style-groups.get',
  updateStyleGroup: 'pass.style-groups.update',
  deleteStyleGroup: 'pass.style-groups.delete',
  uploadAsset: 'pass.assets.upload',
  listAssets: 'pass.assets.list',
  getAsset: 'pass.assets.get',
  deleteAsset: 'pass.assets.delete',
  /** Public, content-addressed images (Google fetches class logos and hero images itself). */
  publicImage: 'pass.assets.public-image',
  /** The update trace of a pass (spec/API.md §8.4). */
  trace: 'pass.passes.trace',
  /** Several Apple passes as one .pkpasses file (spec/API.md §8.5). */
  bundle: 'pass.passes.bundle',
} as const;

export interface PassTraceRequest extends PassKey {
  limit?: number;
}

export interface IdKey {
  id: string;
}

export interface PassKey {
  pass_id: string;
}

/** An uploaded file as the gateway forwards it (the bytes as base64 over the transport). */
export interface AssetUpload {
  filename: string;
  content_base64: string;
}

export interface PassRpcMap {
  [PassPatterns.createFromMember]: Rpc<CreatePassFromMemberDto, PassView>;
  [PassPatterns.list]: Rpc<ListPassesQueryDto, Page<PassView>>;
  [PassPatterns.get]: Rpc<PassKey, PassView>;
  [PassPatterns.update]: Rpc<PassKey & UpdatePassDto, PassView>;
  [PassPatterns.void]: Rpc<PassKey, PassView>;
  [PassPatterns.delete]: Rpc<PassKey, DeletedView>;
  [PassPatterns.download]: Rpc<PassKey, PassDownload>;
  [PassPatterns.demo]: Rpc<DemoPassQueryDto, PassFile>;
  [PassPatterns.createStyle]: Rpc<PassStyleDto, PassStyleView>;
  [PassPatterns.listStyles]: Rpc<PageQueryDto, Page<PassStyleView>>;
  [PassPatterns.getStyle]: Rpc<IdKey, PassStyleView>;
  [PassPatterns.updateStyle]: Rpc<IdKey & PassStyleDto, PassStyleView>;
  [PassPatterns.deleteStyle]: Rpc<IdKey, DeletedView>;
  [PassPatterns.createStyleGroup]: Rpc<StyleGroupDto, StyleGroupView>;
  [PassPatterns.listStyleGroups]: Rpc<PageQueryDto, Page<StyleGroupView>>;
  [PassPatterns.getStyleGroup]: Rpc<IdKey, StyleGroupView>;
  [PassPatterns.updateStyleGroup]: Rpc<IdKey & StyleGroupDto, StyleGroupView>;
  [PassPatterns.deleteStyleGroup]: Rpc<IdKey, DeletedView>;
  [PassPatterns.uploadAsset]: Rpc<AssetUpload, AssetView>;
  [PassPatterns.listAssets]: Rpc<PageQueryDto, Page<AssetView>>;
  [PassPatterns.getAsset]: Rpc<IdKey, AssetView>;
  [PassPatterns.deleteAsset]: Rpc<IdKey, DeletedView>;
  [PassPatterns.publicImage]: Rpc<{ sha256: string }, PassFile>;
  [PassPatterns.trace]: Rpc<PassTraceRequest, PassTraceEntryView[]>;
  [PassPatterns.bundle]: Rpc<CreatePassBundleDto, PassFile>;
}
