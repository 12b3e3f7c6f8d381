import type { DomainEvent } from '@wp/contracts';
import { DelayedError, JobsOptions, Processor, Worker, WorkerOptions } from 'bullmq';
import { SpanKind, TraceCarrier, UpstreamCircuitOpen, inSpan, processMetrics } from '@wp/observability';
import Redis from 'ioredis';
import type { Logger } from 'pino';

/**
 * A Redis connection for BullMQ. Workers block on Redis, and BullMQ requires
 * `maxRetriesPerRequest: null` so a blocking call survives a reconnect instead of failing.
 * Named `<namespace>:<name>` in `CLIENT LIST`, so a fleet's connections are told apart on a
 * shared Redis (and `npm run chaos` cuts only its own).
 */
export function bullConnection(home: { redisUrl: string; namespace: string }, name: string): Redis {
  return new Redis(home.redisUrl, { maxRetriesPerRequest: null, connectionName: `${home.namespace}:${name}` });
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

/**
 * Several events in one job: under load the relay groups a round's events per consumer, so
 * the consumer handles them in one transaction (one commit, one processed_events insert)
 * instead of one job and one transaction each. A quiet moment's single event still travels
 * alone, its id the job id.
 */
export interface EventBatchJob {
  events: DomainEvent[];
}

export const EVENT_BATCH_JOB_NAME = 'events.batch';

/** Where a service's queues live: its Redis, its fleet namespace, and where to log trouble. */
export interface QueueHome {
  redisUrl: string;
  namespace: string;
  logger: Logger;
}

/**
 * A BullMQ worker on a connection of its own (workers block on Redis), under the fleet
 * namespace, with connection trouble logged. `close()` lets running jobs finish, then
 * disconnects: call it from the owning provider's onModuleDestroy.
 */
export class ManagedWorker<T> {
  readonly worker: Worker<T>;
  private readonly connection: Redis;

  constructor(home: QueueHome, queue: string, connectionName: string, processor: Processor<T>, options: Omit<WorkerOptions, 'connection' | 'prefix'> = {}) {
    this.connection = bullConnection(home, connectionName);
    // Each job is timed and counted, and continues the trace its producer put in its data.
    const traced: Processor<T> = async (job, token) => {
      try {
        return await recordJob(queue, () =>
          inSpan(`job ${queue}`, { kind: SpanKind.CONSUMER, parent: (job.data as TraceCarrier | undefined)?.traceparent, attributes: { 'messaging.system': 'bullmq', 'messaging.destination.name': queue } }, () =>
            Promise.resolve(processor(job, token)),
          ),
        );
      } catch (error) {
        // An open circuit sent nothing: the job waits until the circuit tests the upstream
        // again, without spending one of its attempts, so an outage longer than the retry
        // schedule still loses nothing.
        if (error instanceof UpstreamCircuitOpen && token) {
          await job.moveToDelayed(Date.now() + error.retryAfterMs, token);
          throw new DelayedError();
        }
        throw error;
      }
    };
    this.worker = new Worker<T>(queue, traced, { ...options, connection: this.connection, prefix: queuePrefix(home.namespace) });
    this.worker.on('error', (err) => home.logger.warn({ err: err.message, queue }, 'queue worker error'));
  }

  async close(): Promise<void> {
    await this.worker.close();
    await this.connection.quit().catch(() => undefined);
  }
}

/** Runs one job with its count and duration in wp_jobs_total / wp_job_duration_seconds. */
export async function recordJob<R>(queue: string, work: () => Promise<R>): Promise<R> {
  const started = performance.now();
  let outcome = 'completed';
  try {
    return await work();
  } catch (error) {
    outcome = error instanceof UpstreamCircuitOpen ? 'delayed' : 'failed';
    throw error;
  } finally {
    const metrics = processMetrics();
    metrics.jobs.inc({ queue, outcome });
    metrics.jobDuration.observe({ queue, outcome }, (performance.now() - started) / 1000);
  }
}
