import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  CreateScheduledNotificationDto,
  ListScheduledNotificationsQueryDto,
  Message,
  Page,
  ScheduledNotificationKey,
  ScheduledNotificationPatterns,
  ScheduledNotificationView,
  requireTenant,
} from '@wp/contracts';
import { Rpc } from '@wp/messaging';
import { ScheduledNotificationsService } from './scheduled-notifications.service';

@Controller()
export class ScheduledNotificationsController {
  constructor(private readonly scheduled: ScheduledNotificationsService) {}

  @Rpc(ScheduledNotificationPatterns.create)
  create(@Payload() { ctx, payload }: Message<CreateScheduledNotificationDto>): Promise<ScheduledNotificationView> {
    return this.scheduled.create(ctx, payload);
  }

  @Rpc(ScheduledNotificationPatterns.list)
  list(@Payload() { ctx, payload }: Message<ListScheduledNotificationsQueryDto>): Promise<Page<ScheduledNotificationView>> {
    return this.scheduled.list(requireTenant(ctx), payload);
  }

  @Rpc(ScheduledNotificationPatterns.get)
  get(@Payload() { ctx, payload }: Message<ScheduledNotificationKey>): Promise<ScheduledNotificationView> {
    return this.scheduled.get(requireTenant(ctx), payload.id);
  }

  @Rpc(ScheduledNotificationPatterns.cancel)
  cancel(@Payload() { ctx, payload }: Message<ScheduledNotificationKey>): Promise<ScheduledNotificationView> {
    return this.scheduled.cancel(requireTenant(ctx), payload.id);
  }
}
