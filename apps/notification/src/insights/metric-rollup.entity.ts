import type { InsightInterval } from '@wp/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Metric } from './insight-metrics';

/**
 * Counters per tenant, metric and UTC hour or day, bumped in the transaction that logs the
 * event. A metrics query reads at most (buckets × metrics) small rows however many events a
 * tenant has: a year by day is ~4,000 rows, where the raw log would mean scanning and
 * grouping every event (bench/insights.bench.ts measures both).
 */
@Entity({ name: 'metric_rollups' })
export class MetricRollup {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @PrimaryColumn({ type: 'varchar', length: 8 })
  period: InsightInterval;

  /** Start of the UTC hour or day the events happened in (occurred_at, not arrival). */
  @PrimaryColumn({ name: 'bucket_start', type: 'timestamptz' })
  bucketStart: Date;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  metric: Metric;

  @Column({ type: 'bigint' })
  count: string;
}
