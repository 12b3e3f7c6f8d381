import { Injectable } from '@nestjs/common';
import { CallContext, CreateCouponPass, PassView, TenantPatterns, requireTenant } from '@wp/contracts';
import { RpcClient } from '@wp/messaging';
import { DataSource } from 'typeorm';
import { systemContext } from '../internal/system-context';
import { MemberPassNotifier } from '../member-passes/member-pass.notifier';
import { PassesService } from '../passes/passes.service';
import { PassStyle } from '../styles/pass-style.entity';

/**
 * Makes the pass a coupon issue owes (member-data has taken the stock and the points; see
 * its CouponIssuesService). The pass id is member-data's, so asking again — a retry, the
 * recovery sweep — answers with the pass made the first time.
 */
@Injectable()
export class CouponPassesService {
  constructor(
    private readonly db: DataSource,
    private readonly rpc: RpcClient,
    private readonly passes: PassesService,
    private readonly notifier: MemberPassNotifier,
  ) {}

  async create(ctx: CallContext, request: CreateCouponPass): Promise<PassView> {
    const tenantId = requireTenant(ctx);
    const profile = await this.rpc.send(TenantPatterns.getTenantProfile, systemContext(tenantId, ctx.requestId), {});
    // A style deleted since the coupon was saved is no reason to refuse a paid coupon: the built-in coupon look stands in.
    const styleId = request.coupon.style_id && (await this.db.getRepository(PassStyle).existsBy({ tenantId, id: request.coupon.style_id })) ? request.coupon.style_id : undefined;
    const pass = await this.passes.create(
      ctx,
      { member_id: request.member_id, pass_type: request.pass_type, company_name: profile.companyName, ...(styleId ? { pass_style_id: styleId } : {}) },
      {
        passId: request.pass_id,
        coupon: { id: request.coupon.id, title: request.coupon.title },
        expirationDate: request.expiration_date ? new Date(request.expiration_date) : null,
      },
    );
    await this.notifier.reportSoon(tenantId, pass.id, ctx.requestId);
    return this.passes.get(tenantId, pass.id);
  }
}
