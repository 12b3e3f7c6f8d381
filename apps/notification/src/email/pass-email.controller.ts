import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { DistributionPatterns, Message, SendPassEmailDto, SendPassEmailResult } from '@wp/contracts';
import { Rpc } from '@wp/messaging';
import { PassEmailService } from './pass-email.service';

@Controller()
export class PassEmailController {
  constructor(private readonly emails: PassEmailService) {}

  @Rpc(DistributionPatterns.sendPassEmail)
  send(@Payload() { ctx, payload }: Message<SendPassEmailDto & { dry_run: boolean }>): Promise<SendPassEmailResult> {
    return this.emails.send(ctx, payload);
  }
}
