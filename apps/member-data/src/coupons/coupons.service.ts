import { Injectable } from '@nestjs/common';
import { CallContext, CouponView, CreateCouponDto, DeletedCouponView, DomainError, ListCouponsQueryDto, Page, PassPatterns, UpdateCouponDto, requireTenant } from '@wp/contracts';
import { keyedUuid } from '@wp/crypto';
import { pageNewestFirst } from '@wp/database';
import { RpcClient } from '@wp/messaging';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { Coupon } from './coupon.entity';
import { couponView } from './coupon.view';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The coupon catalogue (spec/API.md §8.7). Issuing lives in CouponIssuesService. */
@Injectable()
export class CouponsService {
  constructor(
    private readonly db: DataSource,
    private readonly rpc: RpcClient,
  ) {}

  async create(ctx: CallContext, dto: CreateCouponDto): Promise<CouponView> {
    const tenantId = requireTenant(ctx);
    await this.requireStyle(ctx, dto.style_id);
    // With an Idempotency-Key the id is derived from it: a retry whose first attempt committed finds that coupon.
    const id = ctx.idempotencyKey ? keyedUuid('coupon', tenantId, ctx.idempotencyKey) : randomUUID();
    const repo = this.db.getRepository(Coupon);
    const first = ctx.idempotencyKey ? await repo.findOneBy({ id, tenantId }) : null;
    if (first) return couponView(first);
    await repo.insert({
      id,
      tenantId,
      title: dto.title,
      description: dto.description ?? null,
      pricePoints: dto.price_points ?? null,
      stock: dto.stock ?? null,
      issued: 0,
      validDays: dto.valid_days ?? null,
      expiresAt: dto.expires_at ? new Date(dto.expires_at) : null,
      styleId: dto.style_id?.toLowerCase() ?? null,
      externalReference: dto.external_reference ?? null,
      deletedAt: null,
    });
    return couponView(await repo.findOneByOrFail({ id }));
  }

  async list(tenantId: string, query: ListCouponsQueryDto): Promise<Page<CouponView>> {
    const qb = this.db.getRepository(Coupon).createQueryBuilder('c').where('c.tenant_id = :tenantId AND c.deleted_at IS NULL', { tenantId });
    return pageNewestFirst(qb, 'c', query, couponView);
  }

  async get(tenantId: string, id: string): Promise<CouponView> {
    return couponView(await requireCoupon(this.db.manager, tenantId, id));
  }

  async update(ctx: CallContext, id: string, dto: UpdateCouponDto): Promise<CouponView> {
    const tenantId = requireTenant(ctx);
    if (dto.style_id) await this.requireStyle(ctx, dto.style_id);
    return this.db.transaction(async (tx) => {
      // Locked like a purchase locks it, so a stock change and a purchase never cross.
      const coupon = await requireCoupon(tx, tenantId, id, true);
      if (dto.stock !== undefined && dto.stock !== null && dto.stock < coupon.issued) {
        throw new DomainError('unprocessable', `${coupon.issued} coupons were already issued; the stock cannot go below that`, [
          { field: 'stock', message: `must be at least ${coupon.issued} (already issued)` },
        ]);
      }
      const changes: Partial<Coupon> = {};
      if (dto.title !== undefined) changes.title = dto.title;
      if (dto.description !== undefined) changes.description = dto.description;
      if (dto.price_points !== undefined) changes.pricePoints = dto.price_points;
      if (dto.stock !== undefined) changes.stock = dto.stock;
      if (dto.valid_days !== undefined) changes.validDays = dto.valid_days;
      if (dto.expires_at !== undefined) changes.expiresAt = dto.expires_at === null ? null : new Date(dto.expires_at);
      if (dto.style_id !== undefined) changes.styleId = dto.style_id === null ? null : dto.style_id.toLowerCase();
      if (dto.external_reference !== undefined) changes.externalReference = dto.external_reference;
      if (Object.keys(changes).length > 0) await tx.update(Coupon, { id: coupon.id }, changes);
      return couponView(await tx.findOneByOrFail(Coupon, { id: coupon.id }));
    });
  }

  /** Ends the offer; passes already issued stay valid and keep naming it. */
  async delete(tenantId: string, id: string): Promise<DeletedCouponView> {
    return this.db.transaction(async (tx) => {
      const coupon = await requireCoupon(tx, tenantId, id, true);
      const deletedAt = new Date();
      await tx.update(Coupon, { id: coupon.id }, { deletedAt });
      return { id: coupon.id, deleted_at: deletedAt.toISOString() };
    });
  }

  /** Pass-generation owns styles: an unknown or foreign one is its 404, before anything is saved. */
  /**
   * A coupon's style exists (else 404) and is a coupon style: its passes are coupons (Apple
   * style key `coupon`, Google offer objects), so a style of another kind would lay out the
   * wrong pass. Semantic, not malformed: 422 naming style_id (spec/API.md §8.7).
   */
  private async requireStyle(ctx: CallContext, styleId: string | undefined): Promise<void> {
    if (!styleId) return;
    const style = await this.rpc.send(PassPatterns.getStyle, ctx, { id: styleId.toLowerCase() });
    if (style.kind !== 'coupon') {
      throw new DomainError('unprocessable', `Coupon passes are coupons; style ${style.id} is a ${style.kind}`, [
        { field: 'style_id', message: `must be a style of kind coupon (this one is ${style.kind})` },
      ]);
    }
  }
}

/** The tenant's live coupon, or a 404 (also for another tenant's id and a deleted coupon). */
export async function requireCoupon(manager: EntityManager, tenantId: string, id: string, lock = false): Promise<Coupon> {
  if (!UUID.test(id)) throw DomainError.notFound('Coupon');
  const coupon = await manager.getRepository(Coupon).findOne({
    where: { tenantId, id: id.toLowerCase(), deletedAt: IsNull() },
    ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
  });
  if (!coupon) throw DomainError.notFound('Coupon');
  return coupon;
}
