import { Injectable } from '@nestjs/common';
import { ApiKeyCreated, ApiKeyView, DomainError, Page, PageQueryDto, RevokedView } from '@wp/contracts';
import { displayPrefix, generateApiKey, sha256Hex } from '@wp/crypto';
import { pageNewestFirst } from '@wp/database';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { CredentialsChangedPublisher } from '../credentials/credentials-changed.publisher';
import { Tenant } from '../tenants/tenant.entity';
import { iso } from '../tokens';
import { ApiKey } from './api-key.entity';

const view = (k: ApiKey): ApiKeyView => ({
  id: k.id,
  prefix: k.prefix,
  name: k.name,
  created_at: k.createdAt.toISOString(),
  last_used_at: iso(k.lastUsedAt),
  revoked_at: iso(k.revokedAt),
});

@Injectable()
export class ApiKeysService {
  constructor(
    private readonly db: DataSource,
    private readonly changes: CredentialsChangedPublisher,
  ) {}

  /** The plaintext key exists only in this return value; the table keeps its SHA-256. */
  async issue(manager: EntityManager, tenantId: string, name: string | null): Promise<ApiKeyCreated> {
    const apiKey = generateApiKey();
    const row = await manager.save(
      manager.create(ApiKey, { tenantId, name, keyHash: sha256Hex(apiKey), prefix: displayPrefix(apiKey), lastUsedAt: null, revokedAt: null }),
    );
    return { id: row.id, api_key: apiKey, prefix: row.prefix, name: row.name, created_at: row.createdAt.toISOString() };
  }

  async create(tenantId: string, name?: string): Promise<ApiKeyCreated> {
    await this.assertTenant(tenantId);
    return this.issue(this.db.manager, tenantId, name ?? null);
  }

  async list(tenantId: string, query: PageQueryDto): Promise<Page<ApiKeyView>> {
    await this.assertTenant(tenantId);
    const qb = this.db.getRepository(ApiKey).createQueryBuilder('k').where('k.tenant_id = :tenantId', { tenantId });
    return pageNewestFirst(qb, 'k', query, view);
  }

  async revoke(tenantId: string, keyId: string): Promise<RevokedView> {
    const repo = this.db.getRepository(ApiKey);
    await repo.update({ id: keyId, tenantId, revokedAt: IsNull() }, { revokedAt: () => 'now()' });
    const row = await repo.findOneBy({ id: keyId, tenantId });
    if (!row?.revokedAt) throw DomainError.notFound('API key');
    await this.changes.publish('api-key-revoked');
    return { id: row.id, revoked_at: row.revokedAt.toISOString() };
  }

  private async assertTenant(tenantId: string): Promise<void> {
    if (!(await this.db.getRepository(Tenant).existsBy({ id: tenantId }))) throw DomainError.notFound('Tenant');
  }
}
