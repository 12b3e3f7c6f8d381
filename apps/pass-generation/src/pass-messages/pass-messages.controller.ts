import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Message, PassInternalPatterns, PassSummary, ShownMessage } from '@wp/contracts';
import { Rpc } from '@wp/messaging';
import { PassMessagesService } from './pass-messages.service';

/** Notification's POST /v1/notifications puts its message on passes through these. */
@Controller()
export class PassMessagesController {
  constructor(private readonly messages: PassMessagesService) {}

  @Rpc(PassInternalPatterns.messageTargets)
  targets(@Payload() { ctx, payload }: Message<{ pass_id?: string; member_id?: string }>): Promise<PassSummary[]> {
    return this.messages.targets(ctx, payload);
  }

  @Rpc(PassInternalPatterns.showMessage)
  show(@Payload() { ctx, payload }: Message<{ pass_id: string; message: string; message_id: string }>): Promise<ShownMessage> {
    return this.messages.show(ctx, payload.pass_id, payload.message, payload.message_id);
  }
}
