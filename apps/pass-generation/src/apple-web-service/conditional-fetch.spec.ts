import { etagOf, isNotModified, lastModifiedOf } from './conditional-fetch';

const stamp = { version: 3, updatedAt: new Date('2026-01-09T10:30:00.750Z') };
const httpDate = (iso: string) => new Date(iso).toUTCString();

describe('conditional fetch of the latest pass', () => {
  it('Last-Modified drops the milliseconds the header cannot carry', () => {
    expect(lastModifiedOf(stamp).toISOString()).toBe('2026-01-09T10:30:00.000Z');
  });

  it('If-Modified-Since of the same second or later is a 304; an earlier one is not', () => {
    expect(isNotModified(stamp, httpDate('2026-01-09T10:30:00Z'), null)).toBe(true);
    expect(isNotModified(stamp, httpDate('2026-01-09T10:31:00Z'), null)).toBe(true);
    expect(isNotModified(stamp, httpDate('2026-01-09T10:29:59Z'), null)).toBe(false);
  });

  it('the next version, a second later, is modified for a device that fetched the previous one', () => {
    const fetched = lastModifiedOf(stamp).toUTCString();
    expect(isNotModified({ version: 4, updatedAt: new Date('2026-01-09T10:30:01.000Z') }, fetched, null)).toBe(false);
  });

  it('no condition, or a date that does not parse, sends the pass', () => {
    expect(isNotModified(stamp, null, null)).toBe(false);
    expect(isNotModified(stamp, 'yesterday-ish', null)).toBe(false);
  });

  it('If-None-Match decides when present, weak or strong, listed or *', () => {
    expect(isNotModified(stamp, null, etagOf(stamp))).toBe(true);
    expect(isNotModified(stamp, null, `"v1", W/${etagOf(stamp)}`)).toBe(true);
    expect(isNotModified(stamp, null, '*')).toBe(true);
    // A stale ETag wins over a matching date: the version changed.
    expect(isNotModified(stamp, httpDate('2026-01-09T10:31:00Z'), '"v2"')).toBe(false);
  });
});
