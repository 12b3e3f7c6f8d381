import { DomainError, InsightInterval, MAX_BUCKETS } from '@wp/contracts';

export const STEP_MS: Record<InsightInterval, number> = { hour: 3600_000, day: 86_400_000 };
const DEFAULT_SPAN: Record<InsightInterval, number> = { hour: 48, day: 30 };

/** ISO 8601 as an instant; a date-time without an offset is UTC, not the server's zone. */
export function parseInstant(value: string, field: string): Date {
  const zoned = /T/.test(value) && !/(Z|[+-]\d{2}(:?\d{2})?)$/i.test(value) ? `${value}Z` : value;
  const at = new Date(zoned);
  if (Number.isNaN(at.getTime())) throw DomainError.invalid(field, 'must be an ISO 8601 date or date-time');
  return at;
}

export interface BucketRange {
  from: Date;
  to: Date;
  starts: Date[];
}

/**
 * The UTC-aligned buckets covering [from, to): `from` rounds down and `to` up to the
 * interval, and the response reports the aligned bounds so counts are never partial
 * without saying so.
 */
export function bucketRange(interval: InsightInterval, fromRaw: string | undefined, toRaw: string | undefined, now: Date = new Date()): BucketRange {
  const step = STEP_MS[interval];
  const toAt = toRaw ? parseInstant(toRaw, 'to') : now;
  const fromAt = fromRaw ? parseInstant(fromRaw, 'from') : new Date(toAt.getTime() - DEFAULT_SPAN[interval] * step);
  if (fromAt.getTime() >= toAt.getTime()) throw DomainError.invalid('to', 'must be after from');
  const from = Math.floor(fromAt.getTime() / step) * step;
  const to = Math.ceil(toAt.getTime() / step) * step;
  const count = (to - from) / step;
  if (count > MAX_BUCKETS[interval]) {
    throw DomainError.invalid('from', `the range may cover at most ${MAX_BUCKETS[interval]} ${interval === 'day' ? 'days' : 'hours'}`);
  }
  return { from: new Date(from), to: new Date(to), starts: Array.from({ length: count }, (_, i) => new Date(from + i * step)) };
}
