import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { JOB_QUEUES } from '@wp/contracts';
import { ManagedWorker, bullConnection, queuePrefix } from '@wp/events';
import { CONFIG, LOGGER } from '@wp/service-runtime';
import { Job, Queue } from 'bullmq';
import type Redis from 'ioredis';
import type { Logger } from 'pino';
import type { MemberDataConfig } from '../tokens';
import { RetierService } from './retier.service';

interface RetierJob {
  tenantId: string;
  version: number;
  /** Progress: the last member id done, so a retried job resumes instead of starting over. */
  after?: string | null;
}

const SWEEP_INTERVAL_MS = 60_000;

/**
 * Runs re-tiering on a BullMQ queue owned by member-data. A replaced programme is recorded
 * as owed (version ahead of retiered_version) in its own transaction, and a sweeper
 * schedules whatever is owed at start and every minute, so a crash or a Redis outage between
 * the commit and the enqueue only delays the re-tier.
 */
@Injectable()
export class RetierQueue implements OnApplicationBootstrap, OnModuleDestroy {
  private connection?: Redis;
  private queue?: Queue<RetierJob>;
  private worker?: ManagedWorker<RetierJob>;
  private sweepTimer?: NodeJS.Timeout;
  private readonly logger: Logger;

  constructor(
    private readonly retier: RetierService,
    @Inject(CONFIG) private readonly config: MemberDataConfig,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'retier' });
  }

  onApplicationBootstrap(): void {
    this.connection = bullConnection({ redisUrl: this.config.REDIS_URL, namespace: this.config.WP_NAMESPACE }, 'member-data-retier');
    const prefix = queuePrefix(this.config.WP_NAMESPACE);
    this.queue = new Queue<RetierJob>(JOB_QUEUES.memberRetier, { connection: this.connection, prefix });
    this.queue.on('error', (err) => this.logger.warn({ err: err.message }, 'retier queue error'));
    const home = { redisUrl: this.config.REDIS_URL, namespace: this.config.WP_NAMESPACE, logger: this.logger };
    this.worker = new ManagedWorker<RetierJob>(home, JOB_QUEUES.memberRetier, 'member-data-retier-worker', (job) => this.run(job), { concurrency: 2 });
    this.worker.worker.on('failed', (job, err) => this.logger.error({ err: err.message, tenant_id: job?.data.tenantId, attempt: job?.attemptsMade }, 're-tier failed'));
    void this.sweep();
    this.sweepTimer = setInterval(() => void this.sweep(), SWEEP_INTERVAL_MS);
    this.sweepTimer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.sweepTimer);
    await this.worker?.close();
    await this.queue?.close();
    await this.connection?.quit().catch(() => undefined);
  }

  /** Asks for a re-tier of the tenant; never throws (the sweeper retries what did not get queued). */
  schedule(tenantId: string, version: number): void {
    if (!this.queue) return;
    this.queue
      .add(
        'retier',
        { tenantId, version },
        {
          jobId: `retier-${tenantId}-${version}`,
          attempts: 10,
          backoff: { type: 'exponential', delay: 1000 },
          removeOnComplete: { age: 3600 },
          removeOnFail: { age: 7 * 24 * 3600 },
        },
      )
      .catch((err: Error) => this.logger.warn({ err: err.message, tenant_id: tenantId }, 're-tier not queued yet; the sweeper will retry'));
  }

  private async sweep(): Promise<void> {
    try {
      for (const { tenantId, version } of await this.retier.owed()) this.schedule(tenantId, version);
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 're-tier sweep failed');
    }
  }

  private async run(job: Job<RetierJob>): Promise<void> {
    const { tenantId, version } = job.data;
    let after = job.data.after ?? null;
    let moved = 0;
    do {
      const page = await this.retier.retierPage(tenantId, after);
      moved += page.moved;
      after = page.next;
      await job.updateData({ ...job.data, after });
    } while (after);
    await this.retier.markDone(tenantId, version);
    this.logger.info({ tenant_id: tenantId, version, moved }, 'members re-tiered');
  }
}
