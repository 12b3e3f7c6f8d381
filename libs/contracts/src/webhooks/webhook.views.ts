import { ApiProperty } from '@nestjs/swagger';

// Response shapes. Classes (not interfaces) so the OpenAPI document shows them.

export type WebhookStatus = 'active' | 'disabled';

export class WebhookView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'https://example.com/hooks/wallet' }) url: string;
  @ApiProperty({ type: [String], example: ['pass.*'] }) events: string[];
  @ApiProperty({ nullable: true, type: String }) description: string | null;
  @ApiProperty({ enum: ['active', 'disabled'], description: 'disabled after the receiver answered 410 Gone' }) status: WebhookStatus;
  @ApiProperty({ nullable: true, type: String, example: null }) disabled_reason: string | null;
  @ApiProperty() created_at: string;
}

export class WebhookCreated extends WebhookView {
  @ApiProperty({ description: 'whsec_ + base64 signing secret (Standard Webhooks); shown once' }) secret: string;
}

/** One attempt to deliver one event. The receiver's body is never shown. */
export class WebhookDeliveryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', description: 'Also the webhook-id header and the payload id' }) event_id: string;
  @ApiProperty({ example: 'pass.created' }) event_type: string;
  @ApiProperty({ example: 1 }) attempt: number;
  @ApiProperty({ nullable: true, type: Number, example: 200 }) status_code: number | null;
  @ApiProperty() success: boolean;
  @ApiProperty({ nullable: true, type: String, example: null }) error: string | null;
  @ApiProperty() created_at: string;
}

export class WebhookDeletedView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() deleted_at: string;
}
