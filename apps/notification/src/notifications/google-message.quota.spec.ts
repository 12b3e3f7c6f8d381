import { secondsUntilAllowed } from './google-message.quota';

const now = new Date('2026-03-01T12:00:00Z');
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3600_000);

describe("Google's 3 notifying messages per pass per 24 h", () => {
  it('allows up to three in the last day', () => {
    expect(secondsUntilAllowed([], now)).toBe(0);
    expect(secondsUntilAllowed([hoursAgo(5), hoursAgo(1)], now)).toBe(0);
  });

  it('refuses a fourth until the oldest of the three is a day old', () => {
    expect(secondsUntilAllowed([hoursAgo(20), hoursAgo(2), hoursAgo(1)], now)).toBe(4 * 3600);
  });

  it('messages older than a day no longer count', () => {
    expect(secondsUntilAllowed([hoursAgo(30), hoursAgo(25), hoursAgo(2), hoursAgo(1)], now)).toBe(0);
  });
});
