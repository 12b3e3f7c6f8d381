import { ApiProperty } from '@nestjs/swagger';
import type { PassType } from '../events';

/**
 * How a message reached one pass. `apple_push`: a new pass version whose back field carries
 * the message with a `changeMessage`, announced to every registered device by APNs.
 * `google_message`: Google Wallet's addMessage with TEXT_AND_NOTIFY.
 */
export const NOTIFICATION_CHANNELS = ['apple_push', 'google_message'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

export const NOTIFICATION_TARGET_STATUSES = ['delivered', 'failed'] as const;
export type NotificationTargetStatus = (typeof NOTIFICATION_TARGET_STATUSES)[number];

export class NotificationTargetView {
  @ApiProperty({ format: 'uuid' }) pass_id: string;
  @ApiProperty({ enum: ['apple', 'google'] }) pass_type: PassType;
  @ApiProperty({ enum: NOTIFICATION_CHANNELS }) channel: NotificationChannel;
  @ApiProperty({ enum: NOTIFICATION_TARGET_STATUSES, description: 'delivered: the pass now shows the message (Apple: its new version is being pushed)' })
  status: NotificationTargetStatus;
  @ApiProperty({ nullable: true, type: Number, description: 'Apple: the pass version that carries the message' }) version: number | null;
  @ApiProperty({ nullable: true, type: String }) error: string | null;
}

export class NotificationView {
  @ApiProperty({ format: 'uuid' }) notification_id: string;
  @ApiProperty() message: string;
  @ApiProperty({ type: [NotificationTargetView] }) targets: NotificationTargetView[];
  @ApiProperty() created_at: string;
}
