import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Message, NotificationPatterns, NotificationView, SendNotificationDto } from '@wp/contracts';
import { Rpc } from '@wp/messaging';
import { NotificationsService } from './notifications.service';

@Controller()
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Rpc(NotificationPatterns.send)
  send(@Payload() { ctx, payload }: Message<SendNotificationDto>): Promise<NotificationView> {
    return this.notifications.send(ctx, payload);
  }
}
