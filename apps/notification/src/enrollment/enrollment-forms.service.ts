import { Inject, Injectable } from '@nestjs/common';
import {
  CallContext,
  CreateEnrollmentFormDto,
  DomainError,
  EnrollmentFormDeletedView,
  EnrollmentFormView,
  Page,
  PageQueryDto,
  PassInternalPatterns,
  PassPatterns,
  requireTenant,
} from '@wp/contracts';
import { pageNewestFirst } from '@wp/database';
import { RpcClient } from '@wp/messaging';
import { CONFIG } from '@wp/service-runtime';
import { DataSource, IsNull, QueryFailedError } from 'typeorm';
import type { NotificationConfig } from '../config';
import { EnrollmentForm } from './enrollment-form.entity';
import { enrollmentFormView } from './enrollment-form.view';
import { FORM_SLUG, newFormSlug } from './form-slug';

const UNIQUE_VIOLATION = '23505';

/** The tenant's side of enrollment forms: POST/GET/DELETE /v1/enrollment-forms. */
@Injectable()
export class EnrollmentFormsService {
  constructor(
    private readonly db: DataSource,
    private readonly rpc: RpcClient,
    @Inject(CONFIG) private readonly config: NotificationConfig,
  ) {}

  /**
   * Everything that would make the form fail its visitors is refused now: a style group of
   * another tenant (404 on the field, as members get), Google passes without Google
   * credentials (422 on pass_type).
   */
  async create(ctx: CallContext, dto: CreateEnrollmentFormDto): Promise<EnrollmentFormView> {
    const tenantId = requireTenant(ctx);
    const styleGroupId = dto.style_group_id?.toLowerCase() ?? null;
    if (styleGroupId) await this.requireStyleGroup(ctx, styleGroupId);
    if (dto.pass_type !== 'apple') {
      const look = await this.rpc.send(PassInternalPatterns.brandLook, ctx, { style_group_id: styleGroupId });
      if (!look.google_available) {
        throw new DomainError('unprocessable', 'Google Wallet is not configured for this tenant (PUT /v1/tenant/google)', [
          { field: 'pass_type', message: 'needs Google Wallet credentials; use apple, or configure Google Wallet first' },
        ]);
      }
    }
    const form = await this.insert({
      tenantId,
      name: dto.name,
      passType: dto.pass_type,
      fields: dto.fields,
      consentText: dto.consent_text ?? null,
      styleGroupId,
    });
    return enrollmentFormView(form, this.config.PUBLIC_BASE_URL);
  }

  list(tenantId: string, query: PageQueryDto): Promise<Page<EnrollmentFormView>> {
    const qb = this.db.getRepository(EnrollmentForm).createQueryBuilder('f').where('f.tenant_id = :tenantId AND f.deleted_at IS NULL', { tenantId });
    return pageNewestFirst(qb, 'f', query, (form) => enrollmentFormView(form, this.config.PUBLIC_BASE_URL));
  }

  async get(tenantId: string, id: string): Promise<EnrollmentFormView> {
    const form = await this.db.getRepository(EnrollmentForm).findOneBy({ id, tenantId, deletedAt: IsNull() });
    if (!form) throw DomainError.notFound('Enrollment form');
    return enrollmentFormView(form, this.config.PUBLIC_BASE_URL);
  }

  /** The page answers 404 from now on; members and passes it made stay. */
  async delete(tenantId: string, id: string): Promise<EnrollmentFormDeletedView> {
    const deletedAt = new Date();
    const result = await this.db.getRepository(EnrollmentForm).update({ id, tenantId, deletedAt: IsNull() }, { deletedAt });
    if (!result.affected) throw DomainError.notFound('Enrollment form');
    return { id, deleted_at: deletedAt.toISOString() };
  }

  /** The live form behind a public slug, whatever its tenant. */
  async findLive(slug: string): Promise<EnrollmentForm | null> {
    if (!FORM_SLUG.test(slug) || slug.length > 64) return null;
    return this.db.getRepository(EnrollmentForm).findOneBy({ slug, deletedAt: IsNull() });
  }

  private async insert(values: Omit<EnrollmentForm, 'id' | 'slug' | 'submissions' | 'createdAt' | 'deletedAt'>): Promise<EnrollmentForm> {
    // A slug collision needs the same name and the same 6 random characters; retrying is cheap.
    for (let attempt = 1; ; attempt++) {
      try {
        const repository = this.db.getRepository(EnrollmentForm);
        return await repository.save(repository.create({ ...values, slug: newFormSlug(values.name), submissions: 0, deletedAt: null }));
      } catch (error) {
        const duplicate = error instanceof QueryFailedError && (error.driverError as { code?: string }).code === UNIQUE_VIOLATION;
        if (!duplicate || attempt >= 3) throw error;
      }
    }
  }

  private async requireStyleGroup(ctx: CallContext, id: string): Promise<void> {
    try {
      await this.rpc.send(PassPatterns.getStyleGroup, ctx, { id });
    } catch (error) {
      if (error instanceof DomainError && error.code === 'not_found') {
        throw new DomainError('not_found', 'Style group not found', [{ field: 'style_group_id', message: 'does not name a style group of this tenant' }]);
      }
      throw error;
    }
  }
}
