import { Injectable } from '@nestjs/common';
import { DomainEvent, INSIGHT_INTERVALS } from '@wp/contracts';
import type { EntityManager } from 'typeorm';
import { metricsOf } from './insight-metrics';
import { MetricRollup } from './metric-rollup.entity';

/** Bumps the hour and day counters of an event, in the transaction that logs it (so exactly once). */
@Injectable()
export class MetricRollupRecorder {
  async record(event: DomainEvent, tx: EntityManager): Promise<void> {
    const metrics = metricsOf(event);
    if (metrics.length === 0) return;
    const metadata = tx.connection.getMetadata(MetricRollup);
    const table = `${tx.connection.driver.escape(metadata.schema ?? 'public')}.${tx.connection.driver.escape(metadata.tableName)}`;
    // A fixed row order: two events of one tenant and hour lock the same rows in the same order.
    await tx.query(
      `INSERT INTO ${table} (tenant_id, period, bucket_start, metric, count)
       SELECT $1, p, date_trunc(p, $2::timestamptz AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', m, 1
       FROM unnest($3::varchar[]) AS p CROSS JOIN unnest($4::varchar[]) AS m
       ORDER BY p, m
       ON CONFLICT (tenant_id, period, bucket_start, metric) DO UPDATE SET count = ${table}.count + 1`,
      [event.tenantId, event.occurredAt, [...INSIGHT_INTERVALS].sort(), [...metrics].sort()],
    );
  }
}
