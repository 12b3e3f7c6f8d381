import { ApiProperty } from '@nestjs/swagger';

// Response shapes. Classes (not interfaces) so the OpenAPI document shows them.

export class CouponView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Free coffee' }) title: string;
  @ApiProperty({ nullable: true, type: String }) description: string | null;
  @ApiProperty({ nullable: true, type: Number, example: 150 }) price_points: number | null;
  @ApiProperty({ nullable: true, type: Number, example: 100, description: 'null: unlimited' }) stock: number | null;
  @ApiProperty({ example: 3, description: 'Coupon passes issued so far (paid or free)' }) issued: number;
  @ApiProperty({ nullable: true, type: Number, example: 97, description: 'stock - issued; null when unlimited' }) remaining: number | null;
  @ApiProperty({ nullable: true, type: Number, example: 30 }) valid_days: number | null;
  @ApiProperty({ nullable: true, type: String }) expires_at: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) style_id: string | null;
  @ApiProperty({ nullable: true, type: String }) external_reference: string | null;
  @ApiProperty() created_at: string;
  @ApiProperty() updated_at: string;
}

export class DeletedCouponView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() deleted_at: string;
}
