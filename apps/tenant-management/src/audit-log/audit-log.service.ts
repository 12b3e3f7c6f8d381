import { Injectable } from '@nestjs/common';
import { AuditEntryView, BeginAuditEntry, FinishAuditEntry, ListAuditLogQueryDto, Page } from '@wp/contracts';
import { pageNewestFirst } from '@wp/database';
import { DataSource, In } from 'typeorm';
import { SuperAdmin } from '../admins/super-admin.entity';
import { BearerToken } from '../bearer-tokens/bearer-token.entity';
import { AuditEntry } from './audit-entry.entity';

@Injectable()
export class AuditLogService {
  constructor(private readonly db: DataSource) {}

  async begin(entry: BeginAuditEntry): Promise<{ id: string }> {
    const row = await this.db.getRepository(AuditEntry).save({
      actorType: entry.actor.type,
      actorId: entry.actor.id,
      tenantId: entry.tenant_id,
      method: entry.method,
      path: entry.path,
      requestId: entry.request_id,
      status: null,
    });
    return { id: row.id };
  }

  /** The first recorded answer stands: a repeated finish cannot rewrite history. */
  async finish({ id, status }: FinishAuditEntry): Promise<{ id: string }> {
    await this.db.getRepository(AuditEntry).createQueryBuilder().update().set({ status }).where('id = :id AND status IS NULL', { id }).execute();
    return { id };
  }

  async list(query: ListAuditLogQueryDto): Promise<Page<AuditEntryView>> {
    const qb = this.db.getRepository(AuditEntry).createQueryBuilder('a');
    if (query.tenant_id) qb.where('a.tenant_id = :tenantId', { tenantId: query.tenant_id.toLowerCase() });
    const page = await pageNewestFirst(qb, 'a', query, (row) => row);
    const names = await this.actorNames(page.items);
    return {
      ...page,
      items: page.items.map((row) => ({
        id: row.id,
        actor: { type: row.actorType, id: row.actorId, name: names.get(`${row.actorType}:${row.actorId}`) ?? null },
        tenant_id: row.tenantId,
        method: row.method,
        path: row.path,
        status: row.status,
        request_id: row.requestId,
        created_at: row.createdAt.toISOString(),
      })),
    };
  }

  /** Names are looked up when read, so the log shows an admin's current e-mail. */
  private async actorNames(rows: AuditEntry[]): Promise<Map<string, string>> {
    const ids = (type: string) => [...new Set(rows.filter((r) => r.actorType === type).map((r) => r.actorId))];
    const adminIds = ids('admin');
    const tokenIds = ids('bearer_token');
    const [admins, tokens] = await Promise.all([
      adminIds.length ? this.db.getRepository(SuperAdmin).findBy({ id: In(adminIds) }) : [],
      tokenIds.length ? this.db.getRepository(BearerToken).findBy({ id: In(tokenIds) }) : [],
    ]);
    return new Map([...admins.map((a): [string, string] => [`admin:${a.id}`, a.email]), ...tokens.map((t): [string, string] => [`bearer_token:${t.id}`, t.name])]);
  }
}
