/**
 * Timing of scheduled sends. A replica's timer wakes at the next send_at it knows of; the
 * sweep is the upper bound on that sleep, which is how a send created on (or abandoned by)
 * another replica, or due while this service was down, is found.
 */
export const SCHEDULED_TIMING = {
  /** Longest sleep between two looks for due rows: well inside the ± 5 s promise. */
  sweepMs: 2_000,
  /** A replica's claim on a send; renewed every third of it while it works. A dead replica's send is taken over after this. */
  leaseMs: 15_000,
  /** Scheduled notifications one replica sends at once. */
  schedulesPerReplica: 2,
  /** Members of one send handled at once (each holds a database connection while its passes are messaged). */
  sendersPerSchedule: 3,
  /** Attempts per member when a service is unavailable; then it counts as failed. */
  attempts: 5,
  /** Wait before another attempt: attempt n waits n times this. */
  retryBackoffMs: 5_000,
  /** Members asked of member-data per page when resolving a tier or everyone. */
  audiencePage: 100,
} as const;
