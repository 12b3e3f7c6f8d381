import { Injectable } from '@nestjs/common';
import { MemberPatterns } from '@wp/contracts';
import { RpcClient } from '@wp/messaging';
import { DataSource, EntityManager } from 'typeorm';
import { scheduledCall } from './scheduled-call';
import { ScheduledNotification } from './scheduled-notification.entity';
import { SCHEDULED_TIMING } from './scheduled.timing';

/**
 * Turns an audience into recipient rows, one page of member-data's member list at a time.
 * Each page's rows and the cursor after it are committed together, so a send that stops
 * midway (a crash, a restart) resumes at the next page; a page inserted twice (two replicas
 * after a lease takeover) changes nothing, the rows being keyed by member.
 */
@Injectable()
export class ScheduledAudienceResolver {
  constructor(
    private readonly db: DataSource,
    private readonly rpc: RpcClient,
  ) {}

  async resolve(scheduleId: string, stillMine: () => boolean): Promise<void> {
    for (;;) {
      const row = await this.db.getRepository(ScheduledNotification).findOneByOrFail({ id: scheduleId });
      if (row.audienceResolved || !stillMine()) return;
      if (row.audienceKind === 'member_ids') {
        await this.db.transaction(async (tx) => {
          await insertRecipients(tx, row, row.audienceMemberIds ?? []);
          await markResolved(tx, row.id, null);
        });
        return;
      }
      const page = await this.rpc.send(MemberPatterns.list, scheduledCall(row.tenantId, row.id), {
        limit: SCHEDULED_TIMING.audiencePage,
        ...(row.resolveCursor ? { cursor: row.resolveCursor } : {}),
        ...(row.audienceKind === 'tier' && row.audienceTier ? { tier: row.audienceTier } : {}),
      });
      await this.db.transaction(async (tx) => {
        await insertRecipients(tx, row, page.items.map((member) => member.member_id));
        await markResolved(tx, row.id, page.next_cursor);
      });
    }
  }
}

async function insertRecipients(tx: EntityManager, row: ScheduledNotification, memberIds: string[]): Promise<void> {
  if (memberIds.length === 0) return;
  // Each member's notification id is fixed here, once: every attempt to send to it reuses it.
  await tx.query(
    `INSERT INTO notification.scheduled_notification_recipients (schedule_id, member_id, tenant_id, notification_id)
     SELECT $1, member_id, $2, gen_random_uuid() FROM unnest($3::varchar[]) AS member_id
     ON CONFLICT (schedule_id, member_id) DO NOTHING`,
    [row.id, row.tenantId, memberIds],
  );
}

async function markResolved(tx: EntityManager, scheduleId: string, nextCursor: string | null): Promise<void> {
  await tx.query(
    `UPDATE notification.scheduled_notifications SET resolve_cursor = $2, audience_resolved = $3, updated_at = now() WHERE id = $1`,
    [scheduleId, nextCursor, nextCursor === null],
  );
}
