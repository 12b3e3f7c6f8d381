import type { JobsOptions } from 'bullmq';
import Redis from 'ioredis';

/**
 * A Redis connection for BullMQ. Workers block on Redis, and BullMQ requires
 * `maxRetriesPerRequest: null` so a blocking call survives a reconnect instead of failing.
 */
export function bullConnection(redisUrl: string, name: string): Redis {
  return new Redis(redisUrl, { maxRetriesPerRequest: null, connectionName: name });
}

/**
 * Every queue key starts with the fleet namespace (WP_NAMESPACE), so fleets sharing one Redis
 * (a laptop's `npm start` beside `npm test`, staging beside production) never see each
 * other's jobs.
 */
export function queuePrefix(namespace: string): string {
  return namespace;
}

/**
 * Event jobs: the event id is the job id (a second add of the same event is ignored while the
 * job exists; the consumer's processed_events covers the time after). Failures retry with
 * exponential backoff for days; jobs that still fail are kept for inspection, not dropped.
 */
export const EVENT_JOB_OPTIONS: JobsOptions = {
  attempts: 20,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 3600, count: 10_000 },
  removeOnFail: { age: 30 * 24 * 3600 },
};
