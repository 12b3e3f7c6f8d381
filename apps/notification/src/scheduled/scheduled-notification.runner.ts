import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { callScope } from '@wp/messaging';
import { LOGGER } from '@wp/service-runtime';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { ScheduledAudienceResolver } from './scheduled-audience.resolver';
import { ScheduledRecipientSender } from './scheduled-recipient.sender';
import { SCHEDULED_TIMING } from './scheduled.timing';

interface Claimed {
  id: string;
  tenant_id: string;
  message: string;
}

/**
 * Sends scheduled notifications when they are due. Every replica runs one: a timer set for
 * the next send_at (and never longer than the sweep) wakes it, and it claims due rows with
 * `FOR UPDATE SKIP LOCKED`, so each row is claimed by one replica. A claim is a lease that
 * the sender renews; a row whose lease lapsed (its replica died) is claimed again and the
 * send resumes where the recipient rows say it stopped. A row that came due while the
 * service was down is found by the first look after start.
 */
@Injectable()
export class ScheduledNotificationRunner implements OnApplicationBootstrap, OnModuleDestroy {
  /** This process's name on the rows it leases; a restarted process is another owner. */
  private readonly owner = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  private readonly running = new Map<string, Promise<void>>();
  private timer?: NodeJS.Timeout;
  private wakeAtMs = Number.POSITIVE_INFINITY;
  private looking?: Promise<void>;
  private lookAgain = false;
  private stopping = false;

  constructor(
    private readonly db: DataSource,
    private readonly resolver: ScheduledAudienceResolver,
    private readonly sender: ScheduledRecipientSender,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.arm(0);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    await this.looking;
    // Senders stop between members; each member's transaction commits or rolls back whole.
    await Promise.allSettled([...this.running.values()]);
  }

  /**
   * A notification was just scheduled: look when it is due, if that is before the next look.
   * Called from an RPC handler; the timer must not inherit that call's scope, or the sends it
   * starts would be refused at commit as part of a call that has long been answered.
   */
  wakeAt(sendAt: Date): void {
    callScope.exit(() => this.arm(sendAt.getTime() - Date.now()));
  }

  private arm(delayMs: number): void {
    if (this.stopping) return;
    const wait = Math.min(Math.max(0, delayMs), SCHEDULED_TIMING.sweepMs);
    const at = Date.now() + wait;
    if (this.timer && at >= this.wakeAtMs) return;
    clearTimeout(this.timer);
    this.wakeAtMs = at;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.wakeAtMs = Number.POSITIVE_INFINITY;
      this.look();
    }, wait);
  }

  private look(): void {
    if (this.looking) {
      this.lookAgain = true;
      return;
    }
    this.looking = (async () => {
      let nextDueMs: number = SCHEDULED_TIMING.sweepMs;
      try {
        do {
          this.lookAgain = false;
          await this.claimDue();
        } while (this.lookAgain && !this.stopping);
        // At capacity, a finished send re-arms the timer; otherwise a due row another replica
        // holds locked right now is looked at again shortly, without spinning.
        nextDueMs = this.running.size >= SCHEDULED_TIMING.schedulesPerReplica ? SCHEDULED_TIMING.sweepMs : Math.max(await this.untilNextDue(), 100);
      } catch (error) {
        this.logger.warn({ err: (error as Error).message }, 'scheduled notifications: could not look for due sends');
      } finally {
        this.looking = undefined;
        this.arm(nextDueMs);
      }
    })();
  }

  private async claimDue(): Promise<void> {
    while (!this.stopping && this.running.size < SCHEDULED_TIMING.schedulesPerReplica) {
      const claimed = await this.claim();
      if (!claimed) return;
      const run = this.run(claimed).finally(() => {
        this.running.delete(claimed.id);
        // A slot is free: there may be more due than this replica could take.
        this.arm(0);
      });
      this.running.set(claimed.id, run);
    }
  }

  /** Due (or abandoned by a dead replica), oldest first; the database's clock decides, so replicas agree. */
  private async claim(): Promise<Claimed | undefined> {
    const [rows] = (await this.db.query(
      `UPDATE notification.scheduled_notifications s
       SET state = 'sending', lease_owner = $1, lease_until = now() + $2 * interval '1 millisecond', started_at = coalesce(started_at, now()), updated_at = now()
       WHERE s.id = (
         SELECT id FROM notification.scheduled_notifications
         WHERE ((state = 'scheduled' AND send_at <= now()) OR (state = 'sending' AND lease_until < now())) AND NOT (id = ANY($3::uuid[]))
         ORDER BY send_at LIMIT 1 FOR UPDATE SKIP LOCKED)
       RETURNING s.id, s.tenant_id, s.message`,
      [this.owner, SCHEDULED_TIMING.leaseMs, [...this.running.keys()]],
    )) as [Claimed[], number];
    return rows[0];
  }

  private async untilNextDue(): Promise<number> {
    const [row] = (await this.db.query(
      `SELECT (extract(epoch FROM min(CASE WHEN state = 'scheduled' THEN send_at ELSE lease_until END) - now()) * 1000)::float8 AS ms
       FROM notification.scheduled_notifications WHERE state IN ('scheduled', 'sending')`,
    )) as Array<{ ms: number | null }>;
    return row?.ms ?? SCHEDULED_TIMING.sweepMs;
  }

  private async run(claimed: Claimed): Promise<void> {
    let mine = true;
    const renew = setInterval(() => {
      this.renew(claimed.id).then(
        (held) => {
          if (!held) mine = false;
        },
        () => undefined,
      );
    }, SCHEDULED_TIMING.leaseMs / 3);
    const stillMine = () => mine && !this.stopping;
    try {
      this.logger.info({ scheduled_notification_id: claimed.id, tenant_id: claimed.tenant_id }, 'scheduled notification: sending');
      await this.resolver.resolve(claimed.id, stillMine);
      const schedule = { id: claimed.id, tenantId: claimed.tenant_id, message: claimed.message };
      await Promise.all(
        Array.from({ length: SCHEDULED_TIMING.sendersPerSchedule }, async () => {
          while (stillMine() && (await this.sender.sendNext(schedule)));
        }),
      );
      if (stillMine()) await this.finishOrPause(claimed.id);
      // Stopping (SIGTERM): hand the rest to another replica now rather than after the lease.
      else if (mine) await this.pause(claimed.id, 'now()');
    } catch (error) {
      this.logger.warn({ scheduled_notification_id: claimed.id, err: (error as Error).message }, 'scheduled notification: send interrupted; it resumes shortly');
      await this.pause(claimed.id, `now() + ${SCHEDULED_TIMING.retryBackoffMs} * interval '1 millisecond'`).catch(() => undefined);
    } finally {
      clearInterval(renew);
    }
  }

  private async renew(id: string): Promise<boolean> {
    const [, affected] = (await this.db.query(
      `UPDATE notification.scheduled_notifications SET lease_until = now() + $3 * interval '1 millisecond' WHERE id = $1 AND lease_owner = $2 AND state = 'sending'`,
      [id, this.owner, SCHEDULED_TIMING.leaseMs],
    )) as [unknown, number];
    return affected > 0;
  }

  /**
   * Sent when every member is handled. Otherwise some wait for a retry (or another sender
   * still holds them): the lease then ends at the earliest retry, which is when the row is
   * claimed again.
   */
  private async finishOrPause(id: string): Promise<void> {
    const [, finished] = (await this.db.query(
      `UPDATE notification.scheduled_notifications SET state = 'sent', completed_at = now(), lease_owner = NULL, lease_until = NULL, updated_at = now()
       WHERE id = $1 AND state = 'sending' AND audience_resolved
         AND NOT EXISTS (SELECT 1 FROM notification.scheduled_notification_recipients WHERE schedule_id = $1 AND status = 'pending')`,
      [id],
    )) as [unknown, number];
    if (finished > 0) {
      this.logger.info({ scheduled_notification_id: id }, 'scheduled notification: sent');
      return;
    }
    await this.pause(
      id,
      `greatest(now() + interval '1 second', (SELECT min(retry_at) FROM notification.scheduled_notification_recipients WHERE schedule_id = $1 AND status = 'pending'))`,
    );
  }

  private async pause(id: string, until: string): Promise<void> {
    await this.db.query(`UPDATE notification.scheduled_notifications SET lease_until = ${until} WHERE id = $1 AND lease_owner = $2 AND state = 'sending'`, [id, this.owner]);
  }
}
