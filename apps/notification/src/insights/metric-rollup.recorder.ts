import { Injectable } from '@nestjs/common';
import { DomainEvent, INSIGHT_INTERVALS } from '@wp/contracts';
import type { EntityManager } from 'typeorm';
import { metricsOf } from './insight-metrics';
import { MetricRollup } from './metric-rollup.entity';

/** Bumps the hour and day counters of events, in the transaction that logs them (so exactly once). */
@Injectable()
export class MetricRollupRecorder {
  async record(events: readonly DomainEvent[], tx: EntityManager): Promise<void> {
    // Counted here first: a batch of a tenant's events is one increment per row.
    const counts = new Map<string, { tenantId: string; period: string; at: string; metric: string; count: number }>();
    const periods = [...INSIGHT_INTERVALS].sort();
    for (const event of events) {
      for (const metric of metricsOf(event)) {
        for (const period of periods) {
          const at = bucketStart(period, event.occurredAt);
          const key = `${event.tenantId} ${period} ${at} ${metric}`;
          const row = counts.get(key) ?? { tenantId: event.tenantId, period, at, metric, count: 0 };
          row.count += 1;
          counts.set(key, row);
        }
      }
    }
    if (counts.size === 0) return;
    const rows = [...counts.values()];
    const metadata = tx.connection.getMetadata(MetricRollup);
    const table = `${tx.connection.driver.escape(metadata.schema ?? 'public')}.${tx.connection.driver.escape(metadata.tableName)}`;
    // A fixed row order: two transactions touching the same rows lock them in the same order.
    await tx.query(
      `INSERT INTO ${table} (tenant_id, period, bucket_start, metric, count)
       SELECT t, p, b, m, c FROM unnest($1::uuid[], $2::varchar[], $3::timestamptz[], $4::varchar[], $5::int[]) AS r(t, p, b, m, c)
       ORDER BY t, p, b, m
       ON CONFLICT (tenant_id, period, bucket_start, metric) DO UPDATE SET count = ${table}.count + EXCLUDED.count`,
      [rows.map((r) => r.tenantId), rows.map((r) => r.period), rows.map((r) => r.at), rows.map((r) => r.metric), rows.map((r) => r.count)],
    );
  }
}

/** The UTC start of the hour or day holding `occurredAt`, as Postgres' date_trunc would give it. */
function bucketStart(period: string, occurredAt: string): string {
  const at = new Date(occurredAt);
  if (period === 'hour') at.setUTCMinutes(0, 0, 0);
  else if (period === 'day') at.setUTCHours(0, 0, 0, 0);
  else throw new Error(`unknown insight interval ${period}`);
  return at.toISOString();
}
