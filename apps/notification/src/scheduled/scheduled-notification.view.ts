import type { ScheduledAudienceView, ScheduledCountsView, ScheduledNotificationView } from '@wp/contracts';
import type { EntityManager } from 'typeorm';
import type { RecipientStatus } from './scheduled-recipient.entity';
import type { ScheduledNotification } from './scheduled-notification.entity';

type StatusCounts = Record<RecipientStatus, number>;

export function audienceView(row: ScheduledNotification): ScheduledAudienceView {
  if (row.audienceKind === 'member_ids') return { member_ids: row.audienceMemberIds ?? [] };
  if (row.audienceKind === 'tier') return { tier: row.audienceTier ?? '' };
  return { all: true };
}

/**
 * Counts per member, from the recipient rows (never a separate counter that could drift).
 * Until a tier or everyone is resolved, the audience size is not known.
 */
function countsView(row: ScheduledNotification, counts: StatusCounts | undefined): ScheduledCountsView {
  const { pending = 0, sent = 0, failed = 0, skipped = 0 } = counts ?? {};
  const resolved = pending + sent + failed + skipped;
  const audience = row.audienceResolved ? resolved : row.audienceKind === 'member_ids' ? (row.audienceMemberIds?.length ?? 0) : null;
  return { audience, sent, failed, skipped, pending: audience === null ? pending : audience - sent - failed - skipped };
}

const iso = (date: Date | null) => date?.toISOString() ?? null;

export function scheduledView(row: ScheduledNotification, counts: StatusCounts | undefined): ScheduledNotificationView {
  return {
    id: row.id,
    state: row.state,
    send_at: row.sendAt.toISOString(),
    message: row.message,
    audience: audienceView(row),
    counts: countsView(row, counts),
    created_at: row.createdAt.toISOString(),
    started_at: iso(row.startedAt),
    completed_at: iso(row.completedAt),
    cancelled_at: iso(row.cancelledAt),
  };
}

/** Recipient counts by status for several scheduled notifications, in one query. */
export async function recipientCounts(db: EntityManager, scheduleIds: string[]): Promise<Map<string, StatusCounts>> {
  const counts = new Map<string, StatusCounts>();
  if (scheduleIds.length === 0) return counts;
  const rows = (await db.query(
    `SELECT schedule_id, status, count(*)::int AS n FROM notification.scheduled_notification_recipients
     WHERE schedule_id = ANY($1::uuid[]) GROUP BY schedule_id, status`,
    [scheduleIds],
  )) as Array<{ schedule_id: string; status: RecipientStatus; n: number }>;
  for (const row of rows) {
    const entry = counts.get(row.schedule_id) ?? { pending: 0, sent: 0, failed: 0, skipped: 0 };
    entry[row.status] = row.n;
    counts.set(row.schedule_id, entry);
  }
  return counts;
}
