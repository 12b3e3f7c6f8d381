import { Injectable } from '@nestjs/common';
import {
  CallContext,
  CreateScheduledNotificationDto,
  DomainError,
  ListScheduledNotificationsQueryDto,
  MemberPatterns,
  Page,
  SCHEDULED_HORIZON_DAYS,
  SCHEDULED_PAST_TOLERANCE_S,
  ScheduledNotificationView,
  requireTenant,
} from '@wp/contracts';
import { pageNewestFirst } from '@wp/database';
import { RpcClient } from '@wp/messaging';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ScheduledNotification } from './scheduled-notification.entity';
import { ScheduledNotificationRunner } from './scheduled-notification.runner';
import { recipientCounts, scheduledView } from './scheduled-notification.view';

const DAY_MS = 24 * 3600_000;

/** POST, GET and DELETE /v1/notifications/scheduled: the rows the runner sends from. */
@Injectable()
export class ScheduledNotificationsService {
  constructor(
    private readonly db: DataSource,
    private readonly rpc: RpcClient,
    private readonly runner: ScheduledNotificationRunner,
  ) {}

  async create(ctx: CallContext, dto: CreateScheduledNotificationDto): Promise<ScheduledNotificationView> {
    const tenantId = requireTenant(ctx);
    const sendAt = sendTime(dto.send_at);
    const { audience } = dto;
    const tier = audience.tier === undefined ? null : await this.programmeTier(ctx, audience.tier);
    const row = await this.db.getRepository(ScheduledNotification).save({
      id: randomUUID(),
      tenantId,
      message: dto.message.trim(),
      sendAt,
      state: 'scheduled',
      audienceKind: audience.member_ids ? 'member_ids' : tier !== null ? 'tier' : 'all',
      audienceMemberIds: audience.member_ids ?? null,
      audienceTier: tier,
      audienceResolved: false,
      resolveCursor: null,
      leaseOwner: null,
      leaseUntil: null,
      startedAt: null,
      completedAt: null,
      cancelledAt: null,
    });
    this.runner.wakeAt(sendAt);
    return scheduledView(row, undefined);
  }

  async list(tenantId: string, query: ListScheduledNotificationsQueryDto): Promise<Page<ScheduledNotificationView>> {
    const qb = this.db.getRepository(ScheduledNotification).createQueryBuilder('s').where('s.tenant_id = :tenantId', { tenantId });
    if (query.state) qb.andWhere('s.state = :state', { state: query.state });
    const page = await pageNewestFirst(qb, 's', query, (row) => row);
    const counts = await recipientCounts(this.db.manager, page.items.map((row) => row.id));
    return { ...page, items: page.items.map((row) => scheduledView(row, counts.get(row.id))) };
  }

  async get(tenantId: string, id: string): Promise<ScheduledNotificationView> {
    const row = await this.find(tenantId, id);
    return scheduledView(row, (await recipientCounts(this.db.manager, [id])).get(id));
  }

  /**
   * Only a notification still waiting can be cancelled; cancelling it again answers the same.
   * The state check and the change are one statement, so a cancel and the runner's claim
   * cannot both win.
   */
  async cancel(tenantId: string, id: string): Promise<ScheduledNotificationView> {
    const [, affected] = (await this.db.query(
      `UPDATE notification.scheduled_notifications SET state = 'cancelled', cancelled_at = now(), updated_at = now()
       WHERE id = $1 AND tenant_id = $2 AND state = 'scheduled'`,
      [id, tenantId],
    )) as [unknown, number];
    const row = await this.find(tenantId, id);
    if (affected === 0 && row.state !== 'cancelled') {
      throw new DomainError('conflict', row.state === 'sent' ? 'The notification has been sent; it can no longer be cancelled' : 'The notification is being sent; it can no longer be cancelled');
    }
    return scheduledView(row, undefined);
  }

  /** The tier as the programme names it (matched without regard to case), or a 400 listing the tiers. */
  private async programmeTier(ctx: CallContext, given: string): Promise<string> {
    const programme = await this.rpc.send(MemberPatterns.getMembership, ctx, {});
    const names = programme.tiers.map((tier) => tier.tier_name);
    const match = names.find((name) => name === given) ?? names.find((name) => name.toLowerCase() === given.toLowerCase());
    if (match === undefined) throw DomainError.invalid('audience.tier', `is not a tier of the programme (${names.join(', ')})`);
    return match;
  }

  private async find(tenantId: string, id: string): Promise<ScheduledNotification> {
    const row = await this.db.getRepository(ScheduledNotification).findOneBy({ id, tenantId });
    if (!row) throw DomainError.notFound('Scheduled notification');
    return row;
  }
}

/** The DTO checked the form; this checks that it is a real date, not too far back and not too far ahead. */
function sendTime(raw: string): Date {
  const sendAt = new Date(raw);
  if (Number.isNaN(sendAt.getTime())) throw DomainError.invalid('send_at', 'is not a valid date and time');
  const now = Date.now();
  if (sendAt.getTime() < now - SCHEDULED_PAST_TOLERANCE_S * 1000) throw DomainError.invalid('send_at', 'must not be in the past');
  if (sendAt.getTime() > now + SCHEDULED_HORIZON_DAYS * DAY_MS) throw DomainError.invalid('send_at', `must be at most ${SCHEDULED_HORIZON_DAYS} days ahead`);
  return sendAt;
}
