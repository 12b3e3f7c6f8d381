import type { Coupon } from './coupon.entity';

const DAY_MS = 86_400_000;

/** The pass's expiry: as asked, else valid_days after the issue; never past the offer's end. */
export function expiryOf(coupon: Pick<Coupon, 'validDays' | 'expiresAt'>, asked: string | undefined, now: Date): Date | null {
  const own = asked ? new Date(asked) : coupon.validDays ? new Date(now.getTime() + coupon.validDays * DAY_MS) : null;
  const candidates = [own, coupon.expiresAt].filter((date): date is Date => date !== null);
  if (candidates.length === 0) return null;
  return new Date(Math.min(...candidates.map((date) => date.getTime())));
}
