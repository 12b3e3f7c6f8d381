import type { CouponView } from '@wp/contracts';
import type { Coupon } from './coupon.entity';

export function couponView(coupon: Coupon): CouponView {
  return {
    id: coupon.id,
    title: coupon.title,
    description: coupon.description,
    price_points: coupon.pricePoints,
    stock: coupon.stock,
    issued: coupon.issued,
    remaining: coupon.stock === null ? null : coupon.stock - coupon.issued,
    valid_days: coupon.validDays,
    expires_at: coupon.expiresAt ? coupon.expiresAt.toISOString() : null,
    style_id: coupon.styleId,
    external_reference: coupon.externalReference,
    created_at: coupon.createdAt.toISOString(),
    updated_at: coupon.updatedAt.toISOString(),
  };
}
