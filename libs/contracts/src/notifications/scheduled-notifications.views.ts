import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SCHEDULED_STATES, type ScheduledState } from './scheduled-notifications.dto';

export class ScheduledAudienceView {
  @ApiPropertyOptional({ type: [String] }) member_ids?: string[];
  @ApiPropertyOptional() tier?: string;
  @ApiPropertyOptional({ enum: [true] }) all?: true;
}

/** Counted per member of the audience. */
export class ScheduledCountsView {
  @ApiProperty({ nullable: true, type: Number, description: 'Members in the audience; null for a tier or everyone until the send resolves them' })
  audience: number | null;
  @ApiProperty({ description: 'Members whose passes (at least one) show the message' }) sent: number;
  @ApiProperty({ description: 'Members for whom every pass refused the message' }) failed: number;
  @ApiProperty({ description: 'Members not sent to: unknown, no active pass, or every pass at Google’s 3-per-24 h cap' }) skipped: number;
  @ApiProperty({ description: 'Members not handled yet' }) pending: number;
}

export class ScheduledNotificationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: SCHEDULED_STATES, description: 'scheduled → sending → sent, or cancelled before it was sent' }) state: ScheduledState;
  @ApiProperty({ example: '2026-12-24T09:00:00.000Z' }) send_at: string;
  @ApiProperty() message: string;
  @ApiProperty({ type: ScheduledAudienceView }) audience: ScheduledAudienceView;
  @ApiProperty({ type: ScheduledCountsView }) counts: ScheduledCountsView;
  @ApiProperty() created_at: string;
  @ApiProperty({ nullable: true, type: String, description: 'When sending began' }) started_at: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'When every member had been handled' }) completed_at: string | null;
  @ApiProperty({ nullable: true, type: String }) cancelled_at: string | null;
}
