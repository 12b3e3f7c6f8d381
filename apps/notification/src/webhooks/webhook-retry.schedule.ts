/** A receiver's Retry-After is honoured up to this; longer would stall the schedule. */
const MAX_RETRY_AFTER_MS = 24 * 3600_000;
const JITTER = 0.1;

/**
 * Delay before the retry that follows attempt `attemptsMade` (1-based): the schedule's
 * entry with ±10% jitter, so endpoints that failed together are not retried in lockstep,
 * and never sooner than the receiver's Retry-After.
 */
export function retryDelayMs(schedule: readonly number[], attemptsMade: number, retryAfterMs: number | null = null, random: () => number = Math.random): number {
  const base = schedule[Math.min(Math.max(attemptsMade, 1), schedule.length) - 1] ?? 0;
  const jittered = Math.round(base * (1 - JITTER + random() * 2 * JITTER));
  return retryAfterMs === null ? jittered : Math.max(jittered, Math.min(retryAfterMs, MAX_RETRY_AFTER_MS));
}

/** The BullMQ backoff type name our queue's custom strategy answers to. */
export const WEBHOOK_BACKOFF = 'webhook-schedule';
