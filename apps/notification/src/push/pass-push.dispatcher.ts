import { Injectable } from '@nestjs/common';
import type { DomainEvent } from '@wp/contracts';
import { PassPushQueue } from './pass-push.queue';

/**
 * Turns pass.updated events (each a new version of a pass) into push fan-outs, and Apple
 * pass.installed events into catch-up checks (a registration racing a change). Called from the
 * event consumer's transaction: if the add fails, the event is handled again later, and a
 * redelivered event re-adds a job id that already exists, which BullMQ ignores.
 */
@Injectable()
export class PassPushDispatcher {
  constructor(private readonly queue: PassPushQueue) {}

  async dispatch(event: DomainEvent): Promise<void> {
    if (event.type === 'pass.updated' && event.data.pass_type === 'apple') {
      await this.queue.fanout({ kind: 'pass', tenantId: event.tenantId, passId: event.data.pass_id, eventId: event.id });
    } else if (event.type === 'pass.installed' && event.data.pass_type === 'apple') {
      await this.queue.catchUp({ kind: 'installed', tenantId: event.tenantId, passId: event.data.pass_id, eventId: event.id, installedAt: event.occurredAt });
    }
  }
}
