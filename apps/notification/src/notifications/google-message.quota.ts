import { DomainError, GOOGLE_NOTIFYING_MESSAGES_PER_DAY } from '@wp/contracts';
import type { EntityManager } from 'typeorm';

const DAY_MS = 24 * 3600_000;

/**
 * Seconds until a pass may take another notifying message, given the times of the ones
 * sent in the last 24 h (oldest first); 0 when it may now.
 */
export function secondsUntilAllowed(recent: readonly Date[], now: Date, cap = GOOGLE_NOTIFYING_MESSAGES_PER_DAY): number {
  const inWindow = recent.filter((sent) => now.getTime() - sent.getTime() < DAY_MS);
  if (inWindow.length < cap) return 0;
  const freesAt = inWindow[inWindow.length - cap].getTime() + DAY_MS;
  return Math.max(1, Math.ceil((freesAt - now.getTime()) / 1000));
}

/**
 * Google allows 3 notifying messages per pass per 24 h and answers a 4th with
 * QuotaExceededException. Checked here first, under a per-pass lock
 * held to the end of `tx` (which records the new message), so concurrent requests cannot
 * both take the last one, and a request over the cap changes nothing anywhere: a 429 with
 * the seconds until the oldest of the three is a day old.
 *
 * Not a rate limiter of its own: it reads the record of messages actually sent (a failed
 * delivery does not count, a rolled-back request never did), which a Redis counter beside
 * the transaction could not follow. The fleet's rate limits use rate-limiter-flexible.
 */
export async function reserveGoogleMessages(tx: EntityManager, passIds: readonly string[], now = new Date()): Promise<void> {
  // One lock order for every request: two messages to overlapping passes queue, never deadlock.
  for (const passId of [...passIds].sort()) {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('google-message:' || $1, 0))`, [passId]);
    const rows = (await tx.query(
      `SELECT created_at FROM notification.notification_deliveries
       WHERE pass_id = $1 AND channel = 'google_message' AND status <> 'failed' AND created_at > $2::timestamptz - interval '24 hours'
       ORDER BY created_at ASC`,
      [passId, now.toISOString()],
    )) as Array<{ created_at: Date }>;
    const wait = secondsUntilAllowed(rows.map((row) => row.created_at), now);
    if (wait > 0) {
      throw new DomainError(
        'rate_limited',
        `Google Wallet allows ${GOOGLE_NOTIFYING_MESSAGES_PER_DAY} notifying messages per pass per 24 hours; pass ${passId} has had them. Retry in ${wait} s`,
        undefined,
        wait,
      );
    }
  }
}
