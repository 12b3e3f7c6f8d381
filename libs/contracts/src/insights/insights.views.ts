import { ApiProperty } from '@nestjs/swagger';
import type { InsightInterval } from './insights.dto';

// Response shapes. Classes (not interfaces) so the OpenAPI document shows them.

export class InstallsByChannel {
  @ApiProperty({ example: 3 }) sms: number;
  @ApiProperty({ example: 1 }) page: number;
  @ApiProperty({ example: 0 }) api: number;
  @ApiProperty({ example: 2, description: 'Passes added from the Add to Wallet page an enrollment form led to' }) enrollment: number;
  @ApiProperty({ example: 1, description: 'Passes added from an e-mail: its link or its attached .pkpass' }) email: number;
}

/** The insight counts, for one bucket or for the whole range. */
export class MetricCounts {
  @ApiProperty({ example: 4 }) passes_created_apple: number;
  @ApiProperty({ example: 2 }) passes_created_google: number;
  @ApiProperty({ example: 4 }) installs: number;
  @ApiProperty({ example: 1 }) uninstalls: number;
  @ApiProperty({ example: 12, description: 'pass.updated events: each is a new pass version pushed to the wallets' }) updates_pushed: number;
  @ApiProperty({ example: 5 }) sms_sent: number;
  @ApiProperty({ example: 5 }) sms_delivered: number;
  @ApiProperty({ example: 3 }) link_clicks: number;
  @ApiProperty({ example: 9, description: 'Scans at a till (each POST /v1/scan/{code}; a lookup is not a scan)' }) scans: number;
  @ApiProperty({ example: 2, description: 'Passes redeemed, through the API or a scanner' }) redemptions: number;
  @ApiProperty({ type: InstallsByChannel }) installs_by_channel: InstallsByChannel;
}

export class MetricsBucket extends MetricCounts {
  @ApiProperty({ example: '2026-01-01T00:00:00.000Z', description: 'Start of the bucket (UTC)' }) start: string;
}

export class MetricsView {
  @ApiProperty({ description: 'Start of the first bucket' }) from: string;
  @ApiProperty({ description: 'End of the last bucket (exclusive)' }) to: string;
  @ApiProperty({ enum: ['hour', 'day'] }) interval: InsightInterval;
  @ApiProperty({ type: [MetricsBucket] }) series: MetricsBucket[];
  @ApiProperty({ type: MetricCounts }) totals: MetricCounts;
}

/** One entry of the event log: the webhook payload's shape, plus the member it concerns. */
export class EventLogView {
  @ApiProperty({ format: 'uuid', description: 'The event id (also the webhook-id of its deliveries)' }) id: string;
  @ApiProperty({ example: 'member.points_changed' }) type: string;
  @ApiProperty({ description: 'When the change happened' }) created_at: string;
  @ApiProperty({ nullable: true, type: String, example: 'MEMBER-001' }) member_id: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) data: object;
}
