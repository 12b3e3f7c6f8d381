import { Injectable } from '@nestjs/common';
import { DomainError, NotificationChannel, PassInternalPatterns, PassSummary } from '@wp/contracts';
import { RpcClient } from '@wp/messaging';
import { DataSource, EntityManager } from 'typeorm';
import { reserveGoogleMessages } from '../notifications/google-message.quota';
import { DeliveryStatus, NotificationDelivery } from '../notifications/notification-delivery.entity';
import { scheduledCall } from './scheduled-call';
import { RecipientStatus } from './scheduled-recipient.entity';
import { SCHEDULED_TIMING } from './scheduled.timing';

interface Claimed {
  member_id: string;
  notification_id: string;
  attempts: number;
}

interface Outcome {
  status: RecipientStatus;
  error: string | null;
}

const channelOf = (pass: PassSummary): NotificationChannel => (pass.pass_type === 'google' ? 'google_message' : 'apple_push');

/**
 * Sends a scheduled message to one member at a time, the way POST /v1/notifications does
 * (a notifications row, one delivery per pass, Google's 3-per-24 h cap checked per pass
 * before Google is asked, pass-generation's show-message for each pass), inside one
 * transaction that holds the member's recipient row. The row's final status commits with
 * the deliveries, so the member is sent to once: another sender skips the locked row and
 * then sees it done, and a sender that dies mid-way rolls back and leaves it pending.
 *
 * The one case that can repeat: a sender killed after pass-generation applied a message but
 * before this commit. The retry sends the same text with the same message id; on Apple
 * the back field does not change, so Wallet shows no second alert.
 */
@Injectable()
export class ScheduledRecipientSender {
  constructor(
    private readonly db: DataSource,
    private readonly rpc: RpcClient,
  ) {}

  /** Sends to the next pending member of the schedule; false when none is ready (all done, retrying later, or taken by another sender). */
  async sendNext(schedule: { id: string; tenantId: string; message: string }): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const [claimed] = (await tx.query(
        `SELECT member_id, notification_id, attempts FROM notification.scheduled_notification_recipients
         WHERE schedule_id = $1 AND status = 'pending' AND (retry_at IS NULL OR retry_at <= now())
         ORDER BY member_id LIMIT 1 FOR UPDATE SKIP LOCKED`,
        [schedule.id],
      )) as Claimed[];
      if (!claimed) return false;
      const outcome = await this.deliver(tx, schedule, claimed);
      const retry = outcome.status === 'pending';
      await tx.query(
        `UPDATE notification.scheduled_notification_recipients
         SET status = $3, error = $4, attempts = attempts + $5, retry_at = CASE WHEN $5 = 1 THEN now() + $6 * interval '1 millisecond' END, updated_at = now()
         WHERE schedule_id = $1 AND member_id = $2`,
        [schedule.id, claimed.member_id, outcome.status, outcome.error?.slice(0, 500) ?? null, retry ? 1 : 0, (claimed.attempts + 1) * SCHEDULED_TIMING.retryBackoffMs],
      );
      return true;
    });
  }

  private async deliver(tx: EntityManager, schedule: { id: string; tenantId: string; message: string }, claimed: Claimed): Promise<Outcome> {
    const ctx = scheduledCall(schedule.tenantId, schedule.id);
    const lastAttempt = claimed.attempts + 1 >= SCHEDULED_TIMING.attempts;
    let passes: PassSummary[];
    try {
      passes = await this.rpc.send(PassInternalPatterns.messageTargets, ctx, { member_id: claimed.member_id });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.code === 'not_found') return { status: 'skipped', error: 'No such member' };
      if (error.code === 'unprocessable') return { status: 'skipped', error: error.message };
      if (error.code === 'unavailable' && !lastAttempt) return { status: 'pending', error: error.message };
      return { status: 'failed', error: error.message };
    }

    const notificationId = claimed.notification_id;
    await tx.query(
      `INSERT INTO notification.notifications (id, tenant_id, pass_id, member_id, message) VALUES ($1, $2, NULL, $3, $4) ON CONFLICT (id) DO NOTHING`,
      [notificationId, schedule.tenantId, claimed.member_id, schedule.message],
    );
    const deliveries = tx.getRepository(NotificationDelivery);
    const status = new Map<string, { status: DeliveryStatus; error: string | null }>(
      (await deliveries.findBy({ notificationId })).map((row) => [row.passId, { status: row.status, error: row.error }]),
    );
    let capped = 0;
    // Sorted: the per-pass quota locks are always taken in one order.
    for (const pass of [...passes].sort((a, b) => a.pass_id.localeCompare(b.pass_id))) {
      if (status.has(pass.pass_id)) continue;
      let entry: { status: DeliveryStatus; error: string | null } = { status: 'pending', error: null };
      if (pass.pass_type === 'google') {
        try {
          await reserveGoogleMessages(tx, [pass.pass_id]);
        } catch (error) {
          if (!(error instanceof DomainError) || error.code !== 'rate_limited') throw error;
          entry = { status: 'failed', error: error.message };
          capped += 1;
        }
      }
      await deliveries.insert({ notificationId, passId: pass.pass_id, tenantId: schedule.tenantId, passType: pass.pass_type, channel: channelOf(pass), version: null, ...entry, error: entry.error?.slice(0, 500) ?? null });
      status.set(pass.pass_id, entry);
    }

    for (const pass of passes) {
      if (status.get(pass.pass_id)?.status !== 'pending') continue;
      let entry: { status: DeliveryStatus; error: string | null; version: number | null } = { status: 'delivered', error: null, version: null };
      try {
        entry.version = (await this.rpc.send(PassInternalPatterns.showMessage, ctx, { pass_id: pass.pass_id, message: schedule.message, message_id: notificationId })).version;
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        // A 503 changed nothing (the bus's promise): the pass stays pending and is tried again.
        entry = { status: error.code === 'unavailable' && !lastAttempt ? 'pending' : 'failed', error: error.message, version: null };
      }
      await deliveries.update({ notificationId, passId: pass.pass_id }, { status: entry.status, error: entry.error?.slice(0, 500) ?? null, version: entry.version });
      status.set(pass.pass_id, entry);
    }

    const outcomes = [...status.values()];
    if (outcomes.some((o) => o.status === 'pending')) return { status: 'pending', error: outcomes.find((o) => o.status === 'pending')?.error ?? null };
    if (outcomes.some((o) => o.status === 'delivered')) return { status: 'sent', error: null };
    const firstError = outcomes.find((o) => o.error)?.error ?? null;
    // Every pass at Google's cap: not a failure of ours, the holder has simply had enough messages today.
    if (capped > 0 && capped === outcomes.length) return { status: 'skipped', error: firstError };
    return { status: 'failed', error: firstError };
  }
}
