export const EXPIRY_THRESHOLDS_DAYS = [30, 14, 7, 1] as const;
const DAY_MS = 86_400_000;

/**
 * Whole days left before `notAfter`, and the thresholds that many days have reached. An
 * expired certificate reaches none: the 1-day alert was its last word.
 */
export function reachedThresholds(notAfter: Date, now: Date): { daysLeft: number; reached: number[] } {
  const daysLeft = Math.floor((notAfter.getTime() - now.getTime()) / DAY_MS);
  if (notAfter.getTime() <= now.getTime()) return { daysLeft, reached: [] };
  return { daysLeft, reached: EXPIRY_THRESHOLDS_DAYS.filter((threshold) => daysLeft < threshold) };
}
