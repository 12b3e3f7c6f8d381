import type { Page } from '../pagination';
import type { PassView } from '../pass/pass.views';
import type { PassType } from '../events';
import type { Rpc } from '../rpc';
import type { CreateCouponDto, IssueCouponDto, ListCouponsQueryDto, UpdateCouponDto } from './coupon.dto';
import type { CouponView, DeletedCouponView } from './coupon.views';

// Do not change the values: they are channel names on the Redis transport.
export const CouponPatterns = {
  create: 'member.coupons.create',
  list: 'member.coupons.list',
  get: 'member.coupons.get',
  update: 'member.coupons.update',
  delete: 'member.coupons.delete',
  /** Member-data owns the points and the stock, so the purchase is one local transaction there. */
  issue: 'member.coupons.issue',
} as const;

export const CouponPassPatterns = {
  /** Internal: pass-generation makes the pass of a committed coupon issue; idempotent by pass_id. */
  createCouponPass: 'pass.internal.create-coupon-pass',
} as const;

/** What pass-generation needs to make (or find again) the pass of one coupon issue. */
export interface CreateCouponPass {
  /** Fixed by member-data when the issue committed: a retry or the recovery sweep finds the same pass. */
  pass_id: string;
  issue_id: string;
  member_id: string;
  pass_type: PassType;
  coupon: { id: string; title: string; description: string | null; style_id: string | null };
  expiration_date: string | null;
}

export interface CouponIdKey {
  id: string;
}

export interface CouponRpcMap {
  [CouponPatterns.create]: Rpc<CreateCouponDto, CouponView>;
  [CouponPatterns.list]: Rpc<ListCouponsQueryDto, Page<CouponView>>;
  [CouponPatterns.get]: Rpc<CouponIdKey, CouponView>;
  [CouponPatterns.update]: Rpc<CouponIdKey & UpdateCouponDto, CouponView>;
  [CouponPatterns.delete]: Rpc<CouponIdKey, DeletedCouponView>;
  [CouponPatterns.issue]: Rpc<{ member_id: string } & IssueCouponDto, PassView>;
  [CouponPassPatterns.createCouponPass]: Rpc<CreateCouponPass, PassView>;
}
