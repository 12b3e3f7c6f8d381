import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { CouponPassPatterns, CreateCouponPass, Message, PassView } from '@wp/contracts';
import { Rpc } from '@wp/messaging';
import { CouponPassesService } from './coupon-passes.service';

@Controller()
export class CouponPassesController {
  constructor(private readonly couponPasses: CouponPassesService) {}

  @Rpc(CouponPassPatterns.createCouponPass)
  create(@Payload() { ctx, payload }: Message<CreateCouponPass>): Promise<PassView> {
    return this.couponPasses.create(ctx, payload);
  }
}
