import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Message, PassInternalPatterns, PassPatterns, PassTraceEntryView, PassTraceRequest, PushOutcomeRecord, requireTenant } from '@wp/contracts';
import { Rpc } from '@wp/messaging';
import { PassTraceService } from './pass-trace.service';

@Controller()
export class PassTraceController {
  constructor(private readonly trace: PassTraceService) {}

  @Rpc(PassPatterns.trace)
  list(@Payload() { ctx, payload }: Message<PassTraceRequest>): Promise<PassTraceEntryView[]> {
    return this.trace.list(requireTenant(ctx), payload.pass_id, payload.limit);
  }

  @Rpc(PassInternalPatterns.recordPush)
  async recordPush(@Payload() { ctx, payload }: Message<PushOutcomeRecord>): Promise<{ recorded: true }> {
    await this.trace.recordPushes(requireTenant(ctx), [payload]);
    return { recorded: true };
  }

  @Rpc(PassInternalPatterns.recordPushes)
  async recordPushes(@Payload() { ctx, payload }: Message<{ pushes: PushOutcomeRecord[] }>): Promise<{ recorded: number }> {
    await this.trace.recordPushes(requireTenant(ctx), payload.pushes);
    return { recorded: payload.pushes.length };
  }
}
