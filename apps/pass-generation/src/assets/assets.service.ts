import { Injectable } from '@nestjs/common';
import { ASSET_FILENAME, AssetUpload, AssetView, DeletedView, DomainError, Page, PageQueryDto, PassFile } from '@wp/contracts';
import { pageNewestFirst } from '@wp/database';
import { InvalidPngError, readPngInfo } from '@wp/pkpass';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import { restyleTenant } from '../passes/pass-versions';
import { PassStyle } from '../styles/pass-style.entity';
import { Asset } from './asset.entity';
import { assetVariants } from './asset-names';
import { builtInImagesBySha } from './public-images';
import { assetView } from './asset.view';

/** The gateway caps uploads at ASSET_BODY_LIMIT_BYTES; this is the service's own ceiling. */
const MAX_ASSET_BYTES = 5 * 1024 * 1024;

@Injectable()
export class AssetsService {
  constructor(private readonly db: DataSource) {}

  /** Stores a PNG under its filename (replacing one of that name) and re-renders passes that show it. */
  async upload(tenantId: string, upload: AssetUpload): Promise<AssetView> {
    const filename = upload.filename.trim();
    if (!ASSET_FILENAME.test(filename)) {
      throw DomainError.invalid('file', 'the filename must be 1 to 128 letters, digits or . _ @ - and start with a letter or digit');
    }
    const data = Buffer.from(upload.content_base64, 'base64');
    if (data.length === 0) throw DomainError.invalid('file', 'is empty');
    if (data.length > MAX_ASSET_BYTES) throw new DomainError('payload_too_large', 'Assets may be at most 5 MiB');
    let info;
    try {
      info = readPngInfo(data);
    } catch (error) {
      // Judged by the bytes, not the name or the declared type: a renamed JPEG is refused here.
      if (error instanceof InvalidPngError) throw new DomainError('unsupported_media_type', `Only PNG images are accepted: ${error.message}`);
      throw error;
    }
    const sha256 = createHash('sha256').update(data).digest('hex');
    return this.db.transaction(async (tx) => {
      const repo = tx.getRepository(Asset);
      const existing = await repo.findOne({ where: { tenantId, filename }, lock: { mode: 'pessimistic_write' } });
      const row = existing ?? repo.create({ tenantId, filename });
      Object.assign(row, { contentType: 'image/png', size: data.length, width: info.width, height: info.height, sha256, data });
      const saved = await repo.save(row);
      if (existing?.sha256 !== sha256) await this.restyleUsers(tx, tenantId, filename);
      return assetView(saved);
    });
  }

  async list(tenantId: string, query: PageQueryDto): Promise<Page<AssetView>> {
    const qb = this.db.getRepository(Asset).createQueryBuilder('a').where('a.tenant_id = :tenantId', { tenantId });
    return pageNewestFirst(qb, 'a', query, assetView);
  }

  async get(tenantId: string, id: string): Promise<AssetView> {
    const asset = await this.db.getRepository(Asset).findOneBy({ tenantId, id });
    if (!asset) throw DomainError.notFound('Asset');
    return assetView(asset);
  }

  async delete(tenantId: string, id: string): Promise<DeletedView> {
    return this.db.transaction(async (tx) => {
      const asset = await tx.getRepository(Asset).findOne({ where: { tenantId, id }, lock: { mode: 'pessimistic_write' } });
      if (!asset) throw DomainError.notFound('Asset');
      await tx.getRepository(Asset).delete({ id });
      await this.restyleUsers(tx, tenantId, asset.filename);
      return { id, deleted_at: new Date().toISOString() };
    });
  }

  /**
   * An image by its SHA-256, without a tenant: Google fetches class logos and hero images from
   * a public URL. Only someone who already has the content's hash can name it.
   */
  async publicImage(sha256: string): Promise<PassFile> {
    const wanted = sha256.toLowerCase();
    const builtIn = builtInImagesBySha().get(wanted);
    const asset = builtIn ? null : await this.db.getRepository(Asset).createQueryBuilder('a').addSelect('a.data').where({ sha256: wanted }).limit(1).getOne();
    const bytes = builtIn ?? asset?.data;
    if (!bytes) throw DomainError.notFound('Image');
    return { filename: `${wanted}.png`, content_type: 'image/png', body_base64: bytes.toString('base64') };
  }

  /** The tenant's uploaded filenames among `names`. */
  async existing(manager: EntityManager, tenantId: string, names: string[]): Promise<Set<string>> {
    if (names.length === 0) return new Set();
    const rows = await manager.getRepository(Asset).find({ select: { filename: true }, where: { tenantId, filename: In(names) } });
    return new Set(rows.map((row) => row.filename));
  }

  /** Apple passes embed the images, so passes whose style names this file get a new version. */
  private async restyleUsers(tx: EntityManager, tenantId: string, filename: string): Promise<void> {
    const styles = await tx.getRepository(PassStyle).findBy({ tenantId });
    const users = styles.filter((style) => Object.values(style.assets.apple ?? {}).some((name) => name && assetVariants(name).includes(filename)));
    if (users.length > 0) await restyleTenant(tx, tenantId, new Set(users.map((style) => style.id)));
  }
}
