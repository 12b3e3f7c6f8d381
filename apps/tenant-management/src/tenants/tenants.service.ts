import { Injectable } from '@nestjs/common';
import { CallContext, DomainError, ListTenantsQueryDto, OnboardResult, OnboardTenantDto, Page, TenantProfile, TenantView, UpdateCurrentTenantDto, UpdateTenantDto } from '@wp/contracts';
import { escapeLike, pageNewestFirst } from '@wp/database';
import { DataSource, In } from 'typeorm';
import { ApiKeysService } from '../api-keys/api-keys.service';
import { CredentialsChangedPublisher } from '../credentials/credentials-changed.publisher';
import { WalletCredential } from '../wallet-credentials/wallet-credential.entity';
import { Tenant } from './tenant.entity';
import { tenantView } from './tenant.view';

@Injectable()
export class TenantsService {
  constructor(
    private readonly db: DataSource,
    private readonly apiKeys: ApiKeysService,
    private readonly changes: CredentialsChangedPublisher,
  ) {}

  /** The tenant and its first API key are created together or not at all. */
  async onboard(ctx: CallContext, dto: OnboardTenantDto): Promise<OnboardResult> {
    const onboardedBy = ctx.actor.kind === 'bearer' ? `bearer:${ctx.actor.tokenId}` : ctx.actor.kind === 'admin' ? `admin:${ctx.actor.adminId}` : null;
    return this.db.transaction(async (tx) => {
      const tenant = await tx.save(
        tx.create(Tenant, { companyName: dto.company_name, contactEmail: dto.contact_email.toLowerCase(), contactName: dto.contact_name, status: 'active', onboardedBy }),
      );
      const key = await this.apiKeys.issue(tx, tenant.id, 'Onboarding key');
      return { tenant_id: tenant.id, api_key: key.api_key, company_name: tenant.companyName, created_at: tenant.createdAt.toISOString() };
    });
  }

  /**
   * `q`: company name or contact e-mail by substring, id by prefix, case-insensitively. An
   * operator's list of tenants is small (one row per customer), so a scan serves it unindexed.
   */
  async list(query: ListTenantsQueryDto): Promise<Page<TenantView>> {
    const qb = this.db.getRepository(Tenant).createQueryBuilder('t');
    if (query.q !== undefined) {
      const q = escapeLike(query.q.toLowerCase());
      qb.where(`(t.company_name ILIKE :infix OR t.contact_email ILIKE :infix OR t.id::text LIKE :prefix)`, { infix: `%${q}%`, prefix: `${q}%` });
    }
    const page = await pageNewestFirst(qb, 't', query, (t) => t);
    const credentials = page.items.length
      ? await this.db.getRepository(WalletCredential).findBy({ tenantId: In(page.items.map((t) => t.id)) })
      : [];
    return { ...page, items: page.items.map((t) => tenantView(t, credentials.filter((c) => c.tenantId === t.id))) };
  }

  async get(id: string): Promise<TenantView> {
    const tenant = await this.db.getRepository(Tenant).findOneBy({ id });
    if (!tenant) throw DomainError.notFound('Tenant');
    return tenantView(tenant, await this.db.getRepository(WalletCredential).findBy({ tenantId: id }));
  }

  /** Status and settings in one update: both change or neither does. */
  async updateStatus(id: string, dto: UpdateTenantDto): Promise<TenantView> {
    const change: Partial<Pick<Tenant, 'status' | 'nfcEnabled'>> = {};
    if (dto.status !== undefined) change.status = dto.status;
    if (dto.nfc_enabled !== undefined) change.nfcEnabled = dto.nfc_enabled;
    if (Object.keys(change).length === 0) throw DomainError.invalid('status', 'send status, nfc_enabled or both');
    const result = await this.db.getRepository(Tenant).update({ id }, change);
    if (!result.affected) throw DomainError.notFound('Tenant');
    // A suspension must stop the tenant's keys at once on every gateway replica.
    if (dto.status !== undefined) await this.changes.publish(`tenant-${dto.status}`);
    return this.get(id);
  }

  async profile(tenantId: string): Promise<TenantProfile> {
    const tenant = await this.db.getRepository(Tenant).findOneBy({ id: tenantId });
    if (!tenant) throw DomainError.notFound('Tenant');
    return { tenantId: tenant.id, companyName: tenant.companyName, status: tenant.status, nfcEnabled: tenant.nfcEnabled, currency: tenant.currency };
  }

  /** PATCH /v1/tenant: the tenant's own settings (today its currency). */
  async updateCurrent(tenantId: string, dto: UpdateCurrentTenantDto): Promise<TenantView> {
    if (dto.currency === undefined) throw DomainError.invalid('currency', 'send at least one setting (currency)');
    const result = await this.db.getRepository(Tenant).update({ id: tenantId }, { currency: dto.currency });
    if (!result.affected) throw DomainError.notFound('Tenant');
    return this.get(tenantId);
  }
}
