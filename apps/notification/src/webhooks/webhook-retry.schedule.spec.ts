import { STANDARD_RETRY_SCHEDULE_MS, webhookConfigSpec } from './webhook.config';
import { retryDelayMs } from './webhook-retry.schedule';

describe('webhook retry schedule', () => {
  it('retries for more than 24 hours by default, growing between attempts', () => {
    const total = STANDARD_RETRY_SCHEDULE_MS.reduce((sum, ms) => sum + ms, 0);
    expect(total).toBeGreaterThan(24 * 3600_000);
    expect(STANDARD_RETRY_SCHEDULE_MS.slice(0, 6).every((ms, i, all) => i === 0 || ms > all[i - 1])).toBe(true);
    expect(STANDARD_RETRY_SCHEDULE_MS[0]).toBe(5000);
  });

  it('follows the schedule with at most 10% jitter either way', () => {
    const schedule = [1000, 60_000];
    expect(retryDelayMs(schedule, 1, null, () => 0)).toBe(900);
    expect(retryDelayMs(schedule, 1, null, () => 1)).toBe(1100);
    expect(retryDelayMs(schedule, 2, null, () => 0.5)).toBe(60_000);
    // Past the end of the schedule the last delay repeats.
    expect(retryDelayMs(schedule, 7, null, () => 0.5)).toBe(60_000);
  });

  it("waits at least the receiver's Retry-After, capped at a day", () => {
    expect(retryDelayMs([1000], 1, 120_000, () => 0.5)).toBe(120_000);
    expect(retryDelayMs([1000], 1, 10, () => 0.5)).toBe(1000);
    expect(retryDelayMs([1000], 1, 10 * 24 * 3600_000, () => 0.5)).toBe(24 * 3600_000);
  });

  it('reads a compressed schedule from WEBHOOK_RETRY_SCHEDULE_MS and refuses junk', () => {
    const parse = webhookConfigSpec.WEBHOOK_RETRY_SCHEDULE_MS;
    expect(parse('100, 200', 'WEBHOOK_RETRY_SCHEDULE_MS', {})).toEqual([100, 200]);
    expect(parse(undefined, 'WEBHOOK_RETRY_SCHEDULE_MS', {})).toEqual(STANDARD_RETRY_SCHEDULE_MS);
    expect(() => parse('100,soon', 'WEBHOOK_RETRY_SCHEDULE_MS', {})).toThrow('WEBHOOK_RETRY_SCHEDULE_MS must be comma-separated milliseconds');
  });
});
