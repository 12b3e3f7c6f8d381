import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { DistributionPatterns, Message, TwilioStatusRequest, TwilioStatusResult } from '@wp/contracts';
import { Rpc } from '@wp/messaging';
import { TwilioStatusService } from './twilio-status.service';

@Controller()
export class TwilioStatusController {
  constructor(private readonly statuses: TwilioStatusService) {}

  @Rpc(DistributionPatterns.twilioStatus)
  handle(@Payload() { payload }: Message<TwilioStatusRequest>): Promise<TwilioStatusResult> {
    return this.statuses.handle(payload);
  }
}
