import { Module } from '@nestjs/common';
import { CouponsController } from './coupons.controller';
import { MemberCouponsController } from './member-coupons.controller';

/** The coupon catalogue and issuing coupons to members; member-data answers both. */
@Module({ controllers: [CouponsController, MemberCouponsController] })
export class CouponRoutesModule {}
