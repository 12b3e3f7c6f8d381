import { Injectable } from '@nestjs/common';
import { CallContext, CreateScannerDto, DomainError, Page, PageQueryDto, RevokedScannerView, ScannerCreated, ScannerView, requireTenant } from '@wp/contracts';
import { displayPrefix, generateToken, keyedUuid, sha256Hex } from '@wp/crypto';
import { pageNewestFirst } from '@wp/database';
import { DataSource, IsNull } from 'typeorm';
import { CredentialsChangedPublisher } from '../credentials/credentials-changed.publisher';
import { iso } from '../tokens';
import { Scanner } from './scanner.entity';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const view = (s: Scanner): ScannerView => ({
  id: s.id,
  name: s.name,
  prefix: s.prefix,
  created_at: s.createdAt.toISOString(),
  last_used_at: iso(s.lastUsedAt),
  revoked_at: iso(s.revokedAt),
});

@Injectable()
export class ScannersService {
  constructor(
    private readonly db: DataSource,
    private readonly changes: CredentialsChangedPublisher,
  ) {}

  /** The plaintext token exists only in this return value; the table keeps its SHA-256. */
  async create(ctx: CallContext, dto: CreateScannerDto): Promise<ScannerCreated> {
    const tenantId = requireTenant(ctx);
    const token = generateToken('sc');
    const id = ctx.idempotencyKey ? keyedUuid('scanner', tenantId, ctx.idempotencyKey) : undefined;
    const row = await this.db.getRepository(Scanner).save(
      this.db.getRepository(Scanner).create({ ...(id ? { id } : {}), tenantId, name: dto.name, tokenHash: sha256Hex(token), prefix: displayPrefix(token), lastUsedAt: null, revokedAt: null }),
    );
    return { id: row.id, name: row.name, token, created_at: row.createdAt.toISOString() };
  }

  async list(tenantId: string, query: PageQueryDto): Promise<Page<ScannerView>> {
    const qb = this.db.getRepository(Scanner).createQueryBuilder('s').where('s.tenant_id = :tenantId', { tenantId });
    return pageNewestFirst(qb, 's', query, view);
  }

  /** Revoked at once on every gateway replica (their credential caches are dropped). */
  async revoke(tenantId: string, id: string): Promise<RevokedScannerView> {
    if (!UUID.test(id)) throw DomainError.notFound('Scanner');
    const repo = this.db.getRepository(Scanner);
    await repo.update({ id: id.toLowerCase(), tenantId, revokedAt: IsNull() }, { revokedAt: () => 'now()' });
    const row = await repo.findOneBy({ id: id.toLowerCase(), tenantId });
    if (!row?.revokedAt) throw DomainError.notFound('Scanner');
    await this.changes.publish('scanner-revoked');
    return { id: row.id, revoked_at: row.revokedAt.toISOString() };
  }
}
