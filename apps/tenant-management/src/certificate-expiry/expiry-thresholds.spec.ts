import { reachedThresholds } from './expiry-thresholds';

const DAY = 86_400_000;
const now = new Date('2026-06-01T12:00:00Z');
const at = (days: number, extraMs = 0) => new Date(now.getTime() + days * DAY + extraMs);

describe('certificate expiry thresholds', () => {
  it.each([
    [45, []],
    [30, []],
    [29.5, [30]],
    [14, [30]],
    [13.9, [30, 14]],
    [6.5, [30, 14, 7]],
    [0.5, [30, 14, 7, 1]],
    [-1, []],
  ])('%p days before expiry reaches %p', (days, reached) => {
    expect(reachedThresholds(at(days), now).reached).toEqual(reached);
  });

  it('counts whole days left', () => {
    expect(reachedThresholds(at(13, 5000), now).daysLeft).toBe(13);
  });
});
