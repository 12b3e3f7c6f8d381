import { Injectable } from '@nestjs/common';
import { BearerTokenCreated, BearerTokenView, CallContext, CreateBearerTokenDto, DomainError, Page, PageQueryDto, RevokedView } from '@wp/contracts';
import { displayPrefix, generateToken, sha256Hex } from '@wp/crypto';
import { pageNewestFirst } from '@wp/database';
import { DataSource, IsNull } from 'typeorm';
import { CredentialsChangedPublisher } from '../credentials/credentials-changed.publisher';
import { iso } from '../tokens';
import { BearerToken } from './bearer-token.entity';

const view = (t: BearerToken): BearerTokenView => ({
  id: t.id,
  name: t.name,
  prefix: t.prefix,
  expires_at: iso(t.expiresAt),
  created_at: t.createdAt.toISOString(),
  last_used_at: iso(t.lastUsedAt),
  revoked_at: iso(t.revokedAt),
});

@Injectable()
export class BearerTokensService {
  constructor(
    private readonly db: DataSource,
    private readonly changes: CredentialsChangedPublisher,
  ) {}

  async create(ctx: CallContext, dto: CreateBearerTokenDto): Promise<BearerTokenCreated> {
    const expiresAt = dto.expires_at ? new Date(dto.expires_at) : null;
    if (expiresAt && expiresAt.getTime() <= Date.now()) throw DomainError.invalid('expires_at', 'must be in the future');
    const token = generateToken('bt');
    const row = await this.db.getRepository(BearerToken).save({
      name: dto.name,
      tokenHash: sha256Hex(token),
      prefix: displayPrefix(token),
      createdBy: ctx.actor.kind === 'admin' ? ctx.actor.adminId : null,
      expiresAt,
      lastUsedAt: null,
      revokedAt: null,
    });
    return { id: row.id, name: row.name, token, expires_at: iso(row.expiresAt), created_at: row.createdAt.toISOString() };
  }

  list(query: PageQueryDto): Promise<Page<BearerTokenView>> {
    return pageNewestFirst(this.db.getRepository(BearerToken).createQueryBuilder('t'), 't', query, view);
  }

  async revoke(id: string): Promise<RevokedView> {
    const repo = this.db.getRepository(BearerToken);
    await repo.update({ id, revokedAt: IsNull() }, { revokedAt: () => 'now()' });
    const row = await repo.findOneBy({ id });
    if (!row?.revokedAt) throw DomainError.notFound('Bearer token');
    await this.changes.publish('bearer-token-revoked');
    return { id: row.id, revoked_at: row.revokedAt.toISOString() };
  }
}
