import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { MemberContact, MemberPatterns, MemberView, Message, requireTenant } from '@wp/contracts';
import { Rpc } from '@wp/messaging';
import { MemberContactsService } from './member-contacts.service';

/** Internal: notification's enrollment forms ask here; the gateway never routes to it. */
@Controller()
export class MemberContactsController {
  constructor(private readonly contacts: MemberContactsService) {}

  @Rpc(MemberPatterns.findByContact)
  find(@Payload() { ctx, payload }: Message<MemberContact>): Promise<MemberView | null> {
    return this.contacts.find(requireTenant(ctx), payload);
  }
}
