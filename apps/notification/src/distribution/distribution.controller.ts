import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { DistributionPatterns, Message, SendPassSmsDto, SendPassSmsResult, SmsMessageView } from '@wp/contracts';
import { Rpc } from '@wp/messaging';
import { DistributionService } from './distribution.service';

@Controller()
export class DistributionController {
  constructor(private readonly distribution: DistributionService) {}

  @Rpc(DistributionPatterns.sendPassSms)
  send(@Payload() { ctx, payload }: Message<SendPassSmsDto & { dry_run: boolean }>): Promise<SendPassSmsResult> {
    return this.distribution.send(ctx, payload);
  }

  @Rpc(DistributionPatterns.getMessage)
  get(@Payload() { ctx, payload }: Message<{ message_id: string }>): Promise<SmsMessageView> {
    return this.distribution.get(ctx, payload.message_id);
  }
}
