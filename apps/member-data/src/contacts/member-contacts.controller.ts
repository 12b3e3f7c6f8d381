import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { MemberContact, MemberPatterns, MemberView, Message, requireTenant } from '@wp/contracts';
import { Rpc } from '@wp/messaging';
import { MemberContactsService } from './member-contacts.service';

/** Internal: notification's enrollment forms and pass-generation's lookups ask here; the gateway never routes to it. */
@Controller()
export class MemberContactsController {
  constructor(private readonly contacts: MemberContactsService) {}

  @Rpc(MemberPatterns.findByContact)
  find(@Payload() { ctx, payload }: Message<MemberContact>): Promise<MemberView | null> {
    return this.contacts.find(requireTenant(ctx), payload);
  }

  /** Internal: pass-generation lists passes by member e-mail. */
  @Rpc(MemberPatterns.findIdsByEmail)
  idsByEmail(@Payload() { ctx, payload }: Message<{ member_email: string }>): Promise<{ member_uuids: string[] }> {
    return this.contacts.idsByEmail(requireTenant(ctx), payload.member_email);
  }
}
