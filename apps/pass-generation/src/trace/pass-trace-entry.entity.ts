import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type TraceKind = 'version_created' | 'apns_push' | 'device_registered' | 'device_unregistered' | 'device_fetch' | 'google_patch' | 'device_log';

/**
 * One step on a pass's update path (spec/API.md §8.4): what changed it, who was pushed, who
 * fetched what. Append-only, kept 30 days; `detail` is the kind's own fields as the API shows them.
 */
@Entity({ name: 'pass_trace' })
@Index('idx_pass_trace_pass_at', ['passId', 'at'])
@Index('idx_pass_trace_at', ['at'])
export class PassTraceEntry {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ name: 'pass_id', type: 'uuid' })
  passId: string;

  @Column({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  at: Date;

  @Column({ type: 'varchar', length: 32 })
  kind: TraceKind;

  @Column({ type: 'jsonb' })
  detail: Record<string, unknown>;
}
