import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { MemberKey, MemberPatterns, Message, Page, PageQueryDto, PointTransactionView, PointsChangeView, UpdatePointsDto, requireTenant } from '@wp/contracts';
import { Rpc } from '@wp/messaging';
import { PointsService } from './points.service';

@Controller()
export class PointsController {
  constructor(private readonly points: PointsService) {}

  @Rpc(MemberPatterns.updatePoints)
  change(@Payload() { ctx, payload: { member_id, ...change } }: Message<MemberKey & UpdatePointsDto>): Promise<PointsChangeView> {
    return this.points.change(requireTenant(ctx), member_id, change, ctx.callId);
  }

  @Rpc(MemberPatterns.listTransactions)
  transactions(@Payload() { ctx, payload: { member_id, ...query } }: Message<MemberKey & PageQueryDto>): Promise<Page<PointTransactionView>> {
    return this.points.transactions(requireTenant(ctx), member_id, query);
  }
}
