import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { JOB_QUEUES } from '@wp/contracts';
import { ManagedWorker, bullConnection, queuePrefix } from '@wp/events';
import { CONFIG, LOGGER } from '@wp/service-runtime';
import type { FleetConfig } from '@wp/config';
import { Queue } from 'bullmq';
import type Redis from 'ioredis';
import type { Logger } from 'pino';
import { CertificateExpiryService } from './certificate-expiry.service';

const DAILY_MS = 24 * 60 * 60 * 1000;
const SCHEDULER_ID = 'daily-certificate-expiry';

/**
 * The daily check as a BullMQ job scheduler: every replica upserts the same scheduler id, so
 * one job runs per day whatever the replica count, and it survives restarts. The alert table
 * keeps the alerts exactly-once even if two checks ever overlap.
 */
@Injectable()
export class CertificateExpiryQueue implements OnApplicationBootstrap, OnModuleDestroy {
  private connection?: Redis;
  private queue?: Queue;
  private worker?: ManagedWorker<Record<string, never>>;
  private readonly logger: Logger;

  constructor(
    private readonly expiry: CertificateExpiryService,
    @Inject(CONFIG) private readonly config: FleetConfig,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'certificate-expiry' });
  }

  async onApplicationBootstrap(): Promise<void> {
    this.connection = bullConnection({ redisUrl: this.config.REDIS_URL, namespace: this.config.WP_NAMESPACE }, 'tenant-certificate-expiry');
    this.queue = new Queue(JOB_QUEUES.certificateExpiry, { connection: this.connection, prefix: queuePrefix(this.config.WP_NAMESPACE) });
    this.queue.on('error', (err) => this.logger.warn({ err: err.message }, 'certificate expiry queue error'));
    const home = { redisUrl: this.config.REDIS_URL, namespace: this.config.WP_NAMESPACE, logger: this.logger };
    this.worker = new ManagedWorker<Record<string, never>>(home, JOB_QUEUES.certificateExpiry, 'tenant-certificate-expiry-worker', async () => {
      const sent = await this.expiry.checkAll();
      if (sent > 0) this.logger.info({ sent }, 'certificate expiry alerts recorded');
    });
    await this.queue.upsertJobScheduler(SCHEDULER_ID, { every: DAILY_MS, immediately: true }, { name: 'check', opts: { removeOnComplete: 10, removeOnFail: 50 } });
  }

  async onModuleDestroy(): Promise<void> {
    await this.worker?.close();
    await this.queue?.close();
    await this.connection?.quit().catch(() => undefined);
  }
}
