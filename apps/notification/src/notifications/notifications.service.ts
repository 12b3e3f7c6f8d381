import { Injectable } from '@nestjs/common';
import {
  CallContext,
  DomainError,
  NotificationChannel,
  NotificationTargetView,
  NotificationView,
  PassInternalPatterns,
  PassSummary,
  SendNotificationDto,
  requireTenant,
} from '@wp/contracts';
import { RpcClient } from '@wp/messaging';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { reserveGoogleMessages } from './google-message.quota';
import { NotificationDelivery } from './notification-delivery.entity';
import { Notification } from './notification.entity';

const channelOf = (pass: PassSummary): NotificationChannel => (pass.pass_type === 'google' ? 'google_message' : 'apple_push');

/**
 * POST /v1/notifications: a message shown on a pass, or on every live pass of a member.
 * Apple passes get a new version whose back field carries the message with a changeMessage
 * (so Wallet shows it on the lock screen), pushed to their devices by the live-update path;
 * Google passes get addMessage (TEXT_AND_NOTIFY). Google's cap of 3 notifying messages per
 * pass per 24 h is checked before anything changes: over it, the whole request is a 429
 * with Retry-After, and no pass shows the message.
 */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly db: DataSource,
    private readonly rpc: RpcClient,
  ) {}

  async send(ctx: CallContext, dto: SendNotificationDto): Promise<NotificationView> {
    const tenantId = requireTenant(ctx);
    const message = dto.message.trim();
    const passes = await this.rpc.send(PassInternalPatterns.messageTargets, ctx, dto.pass_id ? { pass_id: dto.pass_id } : { member_id: dto.member_id });
    const id = randomUUID();
    const notification = await this.db.transaction(async (tx) => {
      await reserveGoogleMessages(tx, passes.filter((pass) => pass.pass_type === 'google').map((pass) => pass.pass_id));
      const saved = await tx.getRepository(Notification).save({ id, tenantId, passId: dto.pass_id ?? null, memberId: dto.member_id ?? null, message });
      await tx.getRepository(NotificationDelivery).insert(
        passes.map((pass) => ({ notificationId: id, passId: pass.pass_id, tenantId, passType: pass.pass_type, channel: channelOf(pass), status: 'pending' as const, version: null, error: null })),
      );
      return saved;
    });

    const targets: NotificationTargetView[] = [];
    let firstError: DomainError | undefined;
    for (const pass of passes) {
      const target: NotificationTargetView = { pass_id: pass.pass_id, pass_type: pass.pass_type, channel: channelOf(pass), status: 'delivered', version: null, error: null };
      try {
        const shown = await this.rpc.send(PassInternalPatterns.showMessage, ctx, { pass_id: pass.pass_id, message, message_id: id });
        target.version = shown.version;
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        firstError ??= error;
        Object.assign(target, { status: 'failed', error: error.message });
      }
      await this.db.getRepository(NotificationDelivery).update({ notificationId: id, passId: pass.pass_id }, { status: target.status, version: target.version, error: target.error?.slice(0, 500) ?? null });
      targets.push(target);
    }
    // Nothing showed the message: say why, as the pass's own service put it (a 429 from Google, a 503 ...).
    if (firstError && targets.every((target) => target.status === 'failed')) throw firstError;
    return { notification_id: id, message, targets, created_at: notification.createdAt.toISOString() };
  }
}
