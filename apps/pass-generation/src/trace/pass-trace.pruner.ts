import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { LOGGER } from '@wp/service-runtime';
import type { Logger } from 'pino';
import { PassTraceService } from './pass-trace.service';

const PRUNE_EVERY_MS = 60 * 60 * 1000;

/**
 * Drops trace steps older than 30 days, hourly. Every replica may run it: the DELETE is
 * idempotent and cheap on the `at` index, so no lease is needed.
 */
@Injectable()
export class PassTracePruner implements OnApplicationBootstrap, OnModuleDestroy {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly trace: PassTraceService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.run(), PRUNE_EVERY_MS);
    this.timer.unref();
    void this.run();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  private async run(): Promise<void> {
    try {
      const removed = await this.trace.prune();
      if (removed > 0) this.logger.info({ removed }, 'pruned pass trace');
    } catch (error) {
      this.logger.warn({ err: error }, 'pass trace pruning failed; retried next hour');
    }
  }
}
