import { DomainError } from '@wp/contracts';
import { bucketRange, parseInstant } from './insight-range';

describe('insights bucket range', () => {
  it('aligns to UTC days and reports the aligned bounds', () => {
    const range = bucketRange('day', '2026-01-01T15:00:00Z', '2026-01-03T01:00:00Z');
    expect(range.from.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(range.to.toISOString()).toBe('2026-01-04T00:00:00.000Z');
    expect(range.starts.map((s) => s.toISOString())).toEqual(['2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z', '2026-01-03T00:00:00.000Z']);
  });

  it('keeps an already aligned `to` exclusive', () => {
    const range = bucketRange('hour', '2026-01-01T10:00:00Z', '2026-01-01T12:00:00Z');
    expect(range.starts.map((s) => s.toISOString())).toEqual(['2026-01-01T10:00:00.000Z', '2026-01-01T11:00:00.000Z']);
  });

  it('reads dates and offset-less date-times as UTC, whatever the server zone', () => {
    expect(parseInstant('2026-01-01', 'from').toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(parseInstant('2026-01-01T10:30:00', 'from').toISOString()).toBe('2026-01-01T10:30:00.000Z');
    expect(parseInstant('2026-01-01T10:30:00+02:00', 'from').toISOString()).toBe('2026-01-01T08:30:00.000Z');
  });

  it('defaults to the last 30 days (day) or 48 hours (hour) before now', () => {
    const now = new Date('2026-03-10T12:34:00Z');
    expect(bucketRange('day', undefined, undefined, now).starts).toHaveLength(31);
    expect(bucketRange('hour', undefined, undefined, now).starts).toHaveLength(49);
  });

  it('refuses an empty or reversed range and one with too many buckets, naming the field', () => {
    const fieldOf = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return (error as DomainError).errors?.[0]?.field;
      }
      return undefined;
    };
    expect(fieldOf(() => bucketRange('day', '2026-01-02', '2026-01-01'))).toBe('to');
    expect(fieldOf(() => bucketRange('day', '2024-01-01', '2026-01-01'))).toBe('from');
    expect(fieldOf(() => bucketRange('hour', '2026-01-01', '2026-03-01'))).toBe('from');
  });
});
