import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Message, PassKey, PassView, RedeemPassDto, RedemptionPatterns, requireTenant } from '@wp/contracts';
import { Rpc } from '@wp/messaging';
import { MemberPassNotifier } from '../member-passes/member-pass.notifier';
import { RedemptionService } from './redemption.service';

@Controller()
export class RedemptionController {
  constructor(
    private readonly redemption: RedemptionService,
    private readonly notifier: MemberPassNotifier,
  ) {}

  @Rpc(RedemptionPatterns.redeem)
  async redeem(@Payload() { ctx, payload }: Message<PassKey & RedeemPassDto>): Promise<PassView> {
    const tenantId = requireTenant(ctx);
    const pass = await this.redemption.redeem(tenantId, payload.pass_id, { reference: payload.transaction_reference, callId: ctx.callId });
    // Member-data keeps each member's pass list (with statuses): tell it before answering.
    await this.notifier.reportSoon(tenantId, pass.pass_id, ctx.requestId);
    return pass;
  }
}
