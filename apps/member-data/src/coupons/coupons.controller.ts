import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  CouponIdKey,
  CouponPatterns,
  CouponView,
  CreateCouponDto,
  DeletedCouponView,
  IssueCouponDto,
  ListCouponsQueryDto,
  MemberKey,
  Message,
  Page,
  PassView,
  UpdateCouponDto,
  requireTenant,
} from '@wp/contracts';
import { Rpc } from '@wp/messaging';
import { CouponIssuesService } from './coupon-issues.service';
import { CouponsService } from './coupons.service';

@Controller()
export class CouponsController {
  constructor(
    private readonly coupons: CouponsService,
    private readonly issues: CouponIssuesService,
  ) {}

  @Rpc(CouponPatterns.create)
  create(@Payload() { ctx, payload }: Message<CreateCouponDto>): Promise<CouponView> {
    return this.coupons.create(ctx, payload);
  }

  @Rpc(CouponPatterns.list)
  list(@Payload() { ctx, payload }: Message<ListCouponsQueryDto>): Promise<Page<CouponView>> {
    return this.coupons.list(requireTenant(ctx), payload);
  }

  @Rpc(CouponPatterns.get)
  get(@Payload() { ctx, payload }: Message<CouponIdKey>): Promise<CouponView> {
    return this.coupons.get(requireTenant(ctx), payload.id);
  }

  @Rpc(CouponPatterns.update)
  update(@Payload() { ctx, payload: { id, ...changes } }: Message<CouponIdKey & UpdateCouponDto>): Promise<CouponView> {
    return this.coupons.update(ctx, id, changes);
  }

  @Rpc(CouponPatterns.delete)
  delete(@Payload() { ctx, payload }: Message<CouponIdKey>): Promise<DeletedCouponView> {
    return this.coupons.delete(requireTenant(ctx), payload.id);
  }

  @Rpc(CouponPatterns.issue)
  issue(@Payload() { ctx, payload: { member_id, ...dto } }: Message<MemberKey & IssueCouponDto>): Promise<PassView> {
    return this.issues.issue(ctx, member_id, dto);
  }
}
