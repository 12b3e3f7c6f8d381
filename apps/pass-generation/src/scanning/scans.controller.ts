import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Message, ScanActionDto, ScanLookupView, ScanPatterns, ScanRequest, ScanResultView, requireTenant } from '@wp/contracts';
import { Rpc } from '@wp/messaging';
import { MemberPassNotifier } from '../member-passes/member-pass.notifier';
import { ScansService } from './scans.service';

@Controller()
export class ScansController {
  constructor(
    private readonly scans: ScansService,
    private readonly notifier: MemberPassNotifier,
  ) {}

  @Rpc(ScanPatterns.lookup)
  lookup(@Payload() { ctx, payload }: Message<ScanRequest>): Promise<ScanLookupView> {
    return this.scans.lookup(ctx, payload.code);
  }

  @Rpc(ScanPatterns.act)
  async act(@Payload() { ctx, payload: { code, ...action } }: Message<ScanRequest & ScanActionDto>): Promise<ScanResultView> {
    const result = await this.scans.act(ctx, code, action);
    if (action.action === 'redeem') await this.notifier.reportSoon(requireTenant(ctx), result.pass.pass_id, ctx.requestId);
    return result;
  }
}
