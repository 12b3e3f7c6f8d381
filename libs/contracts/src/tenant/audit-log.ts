import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { PageQueryDto } from '../pagination';
import type { Page } from '../pagination';
import type { Rpc } from '../rpc';

/**
 * The audit log of operators acting on a tenant (an admin or bearer token with
 * `X-Tenant-Id`, contract §8.2). The gateway writes an entry before such a change is
 * forwarded and completes it with the status once the answer is known.
 */

// Do not change the values: they are channel names on the Redis transport.
export const AuditLogPatterns = {
  begin: 'tenant.audit-log.begin',
  finish: 'tenant.audit-log.finish',
  list: 'tenant.audit-log.list',
} as const;

export type AuditActorType = 'admin' | 'bearer_token';

/** The HTTP header an operator names the tenant with. */
export const TENANT_ID_HEADER = 'X-Tenant-Id';

export interface BeginAuditEntry {
  actor: { type: AuditActorType; id: string };
  tenant_id: string;
  method: string;
  path: string;
  request_id: string;
}

export interface FinishAuditEntry {
  id: string;
  status: number;
}

export class ListAuditLogQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only changes made to this tenant' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a tenant id (uuid)' })
  tenant_id?: string;
}

export class AuditActorView {
  @ApiProperty({ enum: ['admin', 'bearer_token'], description: 'An admin access token (st_) or an onboarding bearer token (bt_)' })
  type: AuditActorType;

  @ApiProperty({ format: 'uuid', description: 'The admin id, or the bearer token id' })
  id: string;

  @ApiProperty({ nullable: true, type: String, description: "The admin's e-mail or the bearer token's name; null once the token is gone" })
  name: string | null;
}

export class AuditEntryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: AuditActorView }) actor: AuditActorView;
  @ApiProperty({ format: 'uuid', description: 'The tenant the operator acted as' }) tenant_id: string;
  @ApiProperty({ example: 'PUT' }) method: string;
  @ApiProperty({ example: '/v1/members/MEMBER-001/points', description: 'The request path, without its query' }) path: string;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 200,
    description: 'The HTTP status answered; null while the call runs, or if the gateway stopped before it could record the answer',
  })
  status: number | null;

  @ApiProperty({ description: 'The X-Request-Id of the call, as in every log line for it' }) request_id: string;
  @ApiProperty() created_at: string;
}

export interface AuditLogRpcMap {
  [AuditLogPatterns.begin]: Rpc<BeginAuditEntry, { id: string }>;
  [AuditLogPatterns.finish]: Rpc<FinishAuditEntry, { id: string }>;
  [AuditLogPatterns.list]: Rpc<ListAuditLogQueryDto, Page<AuditEntryView>>;
}
