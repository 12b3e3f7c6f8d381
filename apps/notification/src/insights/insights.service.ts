import { Injectable } from '@nestjs/common';
import {
  DomainError,
  EVENT_TYPES,
  EventLogView,
  ListEventsQueryDto,
  MetricsBucket,
  MetricsQueryDto,
  MetricsView,
  Page,
  decodeCursor,
  encodeCursor,
  matchesEventPattern,
  pageLimit,
} from '@wp/contracts';
import { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { EventLogEntry } from '../event-log/event-log-entry.entity';
import { Metric, addToCounts, emptyCounts } from './insight-metrics';
import { bucketRange, parseInstant } from './insight-range';
import { MetricRollup } from './metric-rollup.entity';

@Injectable()
export class InsightsService {
  constructor(private readonly db: DataSource) {}

  /** Counts per bucket from the rollups of that interval: (buckets × metrics) rows, never the raw log. */
  async metrics(tenantId: string, query: MetricsQueryDto): Promise<MetricsView> {
    const interval = query.interval ?? 'day';
    const range = bucketRange(interval, query.from, query.to);
    // Epoch milliseconds and plain numbers: parsing thousands of timestamptz values into Dates
    // costs more than the query itself.
    const rows: Array<{ start: number; metric: Metric; count: number }> = await this.db.query(
      `SELECT (extract(epoch FROM bucket_start) * 1000)::float8 AS start, metric, count::float8 AS count
       FROM ${this.table(MetricRollup)}
       WHERE tenant_id = $1 AND period = $4 AND bucket_start >= $2 AND bucket_start < $3`,
      [tenantId, range.from, range.to, interval],
    );
    const byStart = new Map<number, MetricsBucket>(range.starts.map((start) => [start.getTime(), { start: start.toISOString(), ...emptyCounts() }]));
    const totals = emptyCounts();
    for (const row of rows) {
      const bucket = byStart.get(row.start);
      if (bucket) addToCounts(bucket, row.metric, row.count);
      addToCounts(totals, row.metric, row.count);
    }
    return { from: range.from.toISOString(), to: range.to.toISOString(), interval, series: [...byStart.values()], totals };
  }

  /** The event log, newest first, keyset-paginated on (occurred_at, id). */
  async events(tenantId: string, query: ListEventsQueryDto): Promise<Page<EventLogView>> {
    const limit = pageLimit(query.limit);
    const cursor = decodeCursor(query.cursor, 2);
    if (query.cursor && !cursor) throw DomainError.invalid('cursor', 'is not a cursor this API returned');
    const qb = this.db.getRepository(EventLogEntry).createQueryBuilder('e').where('e.tenant_id = :tenantId', { tenantId });
    if (query.type && query.type !== '*') {
      // A family wildcard becomes its exact types, so the (tenant, type, occurred_at) index applies.
      const types = EVENT_TYPES.filter((type) => matchesEventPattern(query.type as string, type));
      qb.andWhere('e.type IN (:...types)', { types });
    }
    if (query.member_id) qb.andWhere('e.member_id = :memberId', { memberId: query.member_id });
    if (query.from) qb.andWhere('e.occurred_at >= :from', { from: parseInstant(query.from, 'from') });
    if (query.to) qb.andWhere('e.occurred_at < :to', { to: parseInstant(query.to, 'to') });
    if (cursor) qb.andWhere('(e.occurred_at, e.id) < (:cursorAt, :cursorId)', { cursorAt: cursor[0], cursorId: cursor[1] });
    const rows = await qb
      .orderBy('e.occurred_at', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .take(limit + 1)
      .getMany();
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map((row) => ({ id: row.id, type: row.type, created_at: row.occurredAt.toISOString(), member_id: row.memberId, data: row.data })),
      // occurred_at comes from the event's ISO string: milliseconds are its full precision.
      next_cursor: rows.length > limit && last ? encodeCursor([last.occurredAt.toISOString(), last.id]) : null,
      limit,
    };
  }

  private table(entity: EntityTarget<ObjectLiteral>): string {
    const metadata = this.db.getMetadata(entity);
    return `${this.db.driver.escape(metadata.schema ?? 'public')}.${this.db.driver.escape(metadata.tableName)}`;
  }
}
